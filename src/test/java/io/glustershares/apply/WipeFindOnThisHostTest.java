package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.LocalRunner;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.model.GlusterArgv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wipe's two {@code find} commands, run for real by {@link LocalRunner} on a directory laid out
 * as a tenant could leave a volume: {@code .trashcan} and {@code .trashcan/internal_op} are kept
 * only when they are real directories, and nothing a link points at is touched.
 */
class WipeFindOnThisHostTest {

  @TempDir Path tmp;
  private Path mnt;
  private Path outside;
  private final LocalRunner runner = new LocalRunner("localhost");

  @BeforeEach
  void layout() throws Exception {
    mnt = Files.createDirectories(tmp.resolve("mnt/pool-1G-1"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "not the tenant's");
    Files.writeString(mnt.resolve("a.txt"), "tenant");
    Files.createDirectories(mnt.resolve("data/deeper"));
    Files.writeString(mnt.resolve("data/deeper/b.txt"), "tenant");
    Files.writeString(mnt.resolve(".hidden"), "tenant");
    Files.createSymbolicLink(mnt.resolve("escape"), outside);
  }

  private ProcessResult run(List<String> argv) throws Exception {
    return runner.run(argv, Duration.ofSeconds(30));
  }

  private List<String> left() throws Exception {
    try (var paths = Files.walk(mnt)) {
      return paths.filter(p -> !p.equals(mnt)).map(p -> mnt.relativize(p).toString()).toList();
    }
  }

  @Test
  void aTrashcanThatIsARegularFileIsSeenAndDeleted() throws Exception {
    Files.writeString(mnt.resolve(".trashcan"), "tenant data under a kept name");

    assertThat(run(GlusterArgv.Wipe.remaining(mnt.toString())).stdout()).isNotEmpty();
    run(GlusterArgv.Wipe.delete(mnt.toString()));

    assertThat(left()).isEmpty();
    assertThat(run(GlusterArgv.Wipe.remaining(mnt.toString())).stdout()).isEmpty();
  }

  @Test
  void aTrashcanThatIsASymbolicLinkGoesAndWhatItPointsAtSurvives() throws Exception {
    Files.createDirectories(outside.resolve("internal_op"));
    Files.writeString(outside.resolve("internal_op/also-kept.txt"), "not the tenant's");
    Files.createSymbolicLink(mnt.resolve(".trashcan"), outside);

    run(GlusterArgv.Wipe.delete(mnt.toString()));

    assertThat(left()).isEmpty();
    assertThat(outside.resolve("keep.txt")).hasContent("not the tenant's");
    assertThat(outside.resolve("internal_op/also-kept.txt")).hasContent("not the tenant's");
  }

  @Test
  void anInternalOpThatIsNotADirectoryGoesTheRealTrashcanStays() throws Exception {
    Files.createDirectories(mnt.resolve(".trashcan"));
    Files.writeString(mnt.resolve(".trashcan/file1_2026-11-25_141148_+0000"), "moved by trash");
    Files.createSymbolicLink(mnt.resolve(".trashcan/internal_op"), outside);

    assertThat(run(GlusterArgv.Wipe.remaining(mnt.toString())).stdout()).isNotEmpty();
    run(GlusterArgv.Wipe.delete(mnt.toString()));

    assertThat(left()).containsExactly(".trashcan");
    assertThat(outside.resolve("keep.txt")).exists();
  }

  @Test
  void realTrashDirectoriesStayButNotWhatIsInThem() throws Exception {
    Files.createDirectories(mnt.resolve(".trashcan/internal_op"));
    Files.writeString(mnt.resolve(".trashcan/internal_op/half-done"), "tenant");
    Files.createDirectories(mnt.resolve(".trashcan/data"));
    Files.writeString(mnt.resolve(".trashcan/data/b.txt_2026-11-25_141148_+0000"), "tenant");

    run(GlusterArgv.Wipe.delete(mnt.toString()));

    assertThat(left()).containsExactlyInAnyOrder(".trashcan", ".trashcan/internal_op");
    assertThat(run(GlusterArgv.Wipe.remaining(mnt.toString())).stdout()).isEmpty();
  }

  @Test
  void theFindCommandsStayOnOneFilesystem() {
    assertThat(GlusterArgv.Wipe.delete(mnt.toString())).contains("-xdev");
    assertThat(GlusterArgv.Wipe.remaining(mnt.toString())).contains("-xdev");
  }
}
