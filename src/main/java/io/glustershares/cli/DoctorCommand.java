package io.glustershares.cli;

import io.glustershares.gluster.Retry;
import io.glustershares.inspect.Doctor;
import io.glustershares.inspect.NodeDoctor;
import io.glustershares.model.DesiredState;
import io.glustershares.render.DoctorJson;
import io.glustershares.render.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check each cluster: reachable, gluster version (3.6+, clones 3.7+), every server connected"
          + " and every brick running, TLS files on the host that runs its gluster commands (and"
          + " where the installed build reads them), the same CA everywhere, infrastructure CNs"
          + " (declared where there are several servers), certificate expiry (warned 30 days ahead),"
          + " pool readiness and free volumes per size, bricks on thin LVM (snapshots), and the"
          + " cluster-wide nfs.export-volumes where gluster's NFS server is installed.",
      "Each finding is OK, WARN or FAIL with a one-line fix, or SKIP (with the reason) for a check"
          + " that could not be made. Exit 1 on any FAIL; SKIPs alone exit 0.",
      "--json prints every check (name, scope, status, message, fix) as one document"
          + " (schema/doctor-v1.schema.json); the exit code is the same."
    })
final class DoctorCommand implements Callable<Integer> {

  private final Context context;

  @Mixin FileOption file;

  @Mixin RetryOption retry;

  @Option(
      names = "--json",
      description =
          "Print the checks as JSON (schema/doctor-v1.schema.json): name, scope, status, message"
              + " and fix of each.")
  boolean json;

  DoctorCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Retry retrying = retry.retry(context);
    DesiredState desired = DesiredFile.load(context, file.file);
    List<Doctor.Subject> subjects = new ArrayList<>();
    NodeTour.Reads reads;
    Connections.Observation observation;
    try (Connections connections =
        Connections.open(desired, context.environment, retrying, context.calls())) {
      observation = connections.refresh();
      reads =
          NodeTour.read(
              desired, connections.readers(), observation.observed(), connections.peers());
      connections
          .readers()
          .forEach(
              (name, reader) ->
                  subjects.add(
                      new Doctor.Subject(
                          name,
                          reader.describe(),
                          Optional.ofNullable(observation.observed().get(name)),
                          Optional.ofNullable(reads.commandHosts().get(name)),
                          Optional.ofNullable(observation.errors().get(name))
                              .or(() -> Optional.ofNullable(reads.probeErrors().get(name))))));
    }
    List<NodeDoctor.Visit> nodes = reads.visits();
    Instant now = Instant.now(context.environment.clock());
    List<Doctor.Finding> findings = new ArrayList<>(Doctor.check(desired, subjects, now));
    findings.addAll(
        NodeDoctor.check(
            desired, observation.observed(), nodes, ManagingHostCa.read(desired), now));
    long fails = findings.stream().filter(f -> f.level() == Doctor.Level.FAIL).count();
    if (json) {
      Json.write(DoctorJson.render(findings), context.out);
      return fails > 0 ? ExitCode.GLUSTER_ERROR : ExitCode.OK;
    }
    for (Doctor.Finding f : findings) {
      context.out.println(
          String.format("%-5s %s: %s", f.level(), f.cluster(), f.what())
              + f.fix().map(fix -> "\n      fix: " + fix).orElse(""));
    }
    long warns = findings.stream().filter(f -> f.level() == Doctor.Level.WARN).count();
    long skips = findings.stream().filter(f -> f.level() == Doctor.Level.SKIP).count();
    context.out.println();
    context.out.println(
        fails
            + " FAIL, "
            + warns
            + " WARN, "
            + skips
            + " SKIP, "
            + (findings.size() - fails - warns - skips)
            + " OK");
    // A SKIP is not a failure: what made a check impossible that is one (a cluster not reached, a
    // server not reached) is a FAIL of its own; by design (the local CLI's peers) it is not.
    return fails > 0 ? ExitCode.GLUSTER_ERROR : ExitCode.OK;
  }
}
