package io.glustershares.gluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The captured outputs of real gluster 10.3 (src/test/resources/gluster-10.3). */
public final class Fixtures {

  private Fixtures() {}

  public static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/gluster-10.3/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A runner that answers every command with one captured reply, and records what it ran. */
  public static class Replay implements Runner {
    private final int exit;
    private final String stdout;
    private final String stderr;
    public final List<List<String>> ran = new ArrayList<>();

    public Replay(int exit, String stdoutFixture, String stderrFixture) {
      this.exit = exit;
      this.stdout = stdoutFixture == null ? "" : read(stdoutFixture);
      this.stderr = stderrFixture == null ? "" : read(stderrFixture);
    }

    public static Replay stdout(String fixture) {
      return new Replay(0, fixture, null);
    }

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
      ran.add(argv);
      return new ProcessResult(exit, stdout, stderr, Duration.ZERO);
    }

    @Override
    public String describe() {
      return "replay";
    }

    @Override
    public String host() {
      return "vm";
    }

    @Override
    public String lockKey() {
      return "replay";
    }

    @Override
    public void close() {}
  }
}
