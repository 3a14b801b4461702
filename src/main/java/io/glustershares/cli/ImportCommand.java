package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import io.glustershares.inspect.Importer;
import io.glustershares.load.CommonNames;
import io.glustershares.load.DesiredStateLoader;
import io.glustershares.load.SharesAppender;
import io.glustershares.load.SourceTree;
import io.glustershares.load.WorkingTree;
import io.glustershares.model.AccessRule;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Diagnostic;
import io.glustershares.model.ObservedState;
import io.glustershares.model.Plural;
import io.glustershares.model.ShareSpec;
import io.glustershares.render.ShareYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Read a cluster and write the desired-state file with an entry for every share found there"
          + " that the file does not have yet: this stack's shares as declared (size, access,"
          + " snapshots), and volumes bound by Manila, adopted by name (volume:). The rest of the"
          + " file is kept as written.",
      "Writes to stdout, or to NEWFILE (never over an existing file). After it, plan shows no"
          + " changes, except one adopt_share per adopted volume (tags only: no restart, no access"
          + " or data change)."
    })
final class ImportCommand implements Callable<Integer> {

  private final Context context;

  @Mixin FileOption file;

  @Mixin RetryOption retry;

  @Option(
      names = "--cluster",
      required = true,
      paramLabel = "NAME",
      description = "The cluster to read, as named under 'clusters' in the file.")
  String cluster;

  @Option(
      names = "--out",
      paramLabel = "NEWFILE",
      description = "Write the file here instead of stdout; refused when NEWFILE exists.")
  Optional<Path> out = Optional.empty();

  ImportCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Retry retrying = retry.retry(context);
    Path workDir = context.environment.workDir();
    if (out.isPresent() && Files.exists(workDir.resolve(out.get()))) {
      throw new UserError(
          ExitCode.INVALID, out.get() + " exists; import never overwrites a file: name a new one");
    }
    DesiredStateLoader.Result loaded =
        DesiredFile.loadResult(context, new WorkingTree(workDir), file.file);
    DesiredState desired = loaded.state().orElseThrow();
    if (!desired.clusters().containsKey(cluster)) {
      throw new UserError(
          ExitCode.INVALID,
          "--cluster "
              + cluster
              + ": no such cluster in "
              + file.file
              + "; valid: "
              + String.join(", ", desired.clusters().keySet()));
    }
    ObservedState observed;
    try (Connections connections =
        Connections.open(
            desired, context.environment, retrying, Set.of(cluster), context.calls())) {
      observed = Observation.readAll(context, desired, connections);
    }
    Importer.Result result = Importer.of(desired, cluster, observed.cluster(cluster).orElseThrow());
    List<String> notes = new ArrayList<>(result.notes());
    List<String> items = new ArrayList<>();
    for (Importer.Entry entry : result.entries()) {
      items.add(ShareYaml.entry(withValidCns(entry.share(), notes), entry.comments()));
    }
    List<String> rewritten =
        desired.shares().stream().map(s -> ShareYaml.entry(s, List.of())).toList();
    String text = SharesAppender.append(loaded.document().orElseThrow(), items, rewritten);
    Path target = out.orElse(file.file);
    checkValid(target, text);

    if (out.isPresent()) {
      try {
        Files.writeString(
            workDir.resolve(out.get()),
            text,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        throw new UserError(
            ExitCode.INVALID,
            out.get() + " exists; import never overwrites a file: name a new one");
      } catch (IOException e) {
        throw new UserError(
            ExitCode.INVALID, "cannot write " + out.get() + ": " + e.getMessage(), e);
      }
    } else {
      context.out.print(text);
    }
    context.err.println(
        "Imported "
            + Plural.of(result.entries().size(), "share")
            + " from cluster "
            + cluster
            + " ("
            + result.adopted()
            + " adopted from Manila, "
            + result.alreadyInFile()
            + " already in "
            + file.file
            + ")"
            + out.map(o -> " into " + o).orElse(""));
    notes.forEach(n -> context.err.println("  note: " + n));
    if (!result.entries().isEmpty()) {
      String expect =
          result.adopted() > 0
              ? " (adopt_share for each adopted volume: tags only), then apply"
              : " (no changes expected)";
      context.err.println(
          out.isPresent()
              ? "Next: gluster-shares plan -f " + out.get() + expect
              : "Next: save this output as a new file (or use --out NEWFILE) and plan it" + expect);
    }
    return ExitCode.OK;
  }

  /** CNs the file format refuses (gluster accepts more) are left out with a note. */
  private static ShareSpec withValidCns(ShareSpec share, List<String> notes) {
    List<AccessRule> valid = new ArrayList<>();
    for (AccessRule rule : share.access()) {
      Optional<String> problem = CommonNames.problem(rule.cn());
      if (problem.isPresent()) {
        notes.add(
            "share '"
                + share.name()
                + "': CN '"
                + rule.cn()
                + "' left out of the file ("
                + problem.get()
                + "); it stays on the volume only until the next apply, which removes it");
      } else {
        valid.add(rule);
      }
    }
    return new ShareSpec(
        share.name(),
        share.size(),
        share.cluster(),
        share.volume(),
        valid,
        share.snapshots(),
        share.fromSnapshot(),
        share.state());
  }

  /**
   * The written file must load: relative paths in it (certificates, simulator files) resolve from
   * where it is written.
   */
  private void checkValid(Path target, String text) {
    SourceTree disk = new WorkingTree(context.environment.workDir());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path normalized = target.normalize();
    SourceTree withResult =
        new SourceTree() {
          @Override
          public byte[] read(Path path, long limit) throws IOException {
            return path.normalize().equals(normalized) ? bytes : disk.read(path, limit);
          }

          @Override
          public boolean exists(Path path) {
            return path.normalize().equals(normalized) || disk.exists(path);
          }

          @Override
          public Path realPath(Path path) throws IOException {
            return disk.realPath(path);
          }

          @Override
          public SourceTree disk() {
            return disk;
          }
        };
    DesiredStateLoader.Result loaded = new DesiredStateLoader(withResult).load(target);
    if (!loaded.ok()) {
      for (Diagnostic d : loaded.errors()) {
        context.err.println(d.format());
      }
      throw new UserError(
          ExitCode.INVALID,
          "the imported file would not be valid as "
              + target
              + " (paths in "
              + file.file
              + " are relative to its directory: write it next to it); nothing written");
    }
  }
}
