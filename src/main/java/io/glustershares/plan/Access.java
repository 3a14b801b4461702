package io.glustershares.plan;

import io.glustershares.model.AccessRule;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Access and security of a share's existing volume (SPEC §4). The share's final list ({@link
 * AccessList}) is computed once, and the first action that touches the list writes all of it: the
 * deny when anything is revoked (it grants in the same call), else the allow, else the repair.
 * Options off, missing infrastructure CNs and a volume not running are one repair.
 */
record Access(PlanContext context, PlanBuilder plan) {

  /** Plans the deny, repair and allow a share's existing volume needs, each only if it does. */
  void plan(ShareSpec share, Located at) {
    String name = share.name();
    Volume volume = at.volume();
    PlanContext.Cluster cluster = context.cluster(at.cluster());
    AccessList access =
        AccessList.of(Security.cns(volume), cluster.infrastructure(), context.tenants(share));
    if (plan.refuses(
        cluster.emptyList(name, volume.name(), access.target(), "as the file lists it"))) {
      return;
    }
    // Revocations first and alone: they wait on nothing but the share's own binding, so that no
    // failure elsewhere keeps a CN's access. Their one volume set writes the final list, grants
    // and missing infrastructure CNs included.
    boolean denies = !access.revokes().isEmpty();
    boolean grants = !denies && !access.grants().isEmpty();
    if (denies) {
      Action.Builder deny = deny(name, at, access, "", cn -> terms(share, cn));
      List<String> ended = share.expired(context.now()).stream().map(AccessRule::cn).toList();
      if (access.revokes().stream().anyMatch(ended::contains)) {
        deny.reason(Action.EXPIRY);
      }
      plan.add(deny);
    }
    repair(name, at, access, !denies && !grants);
    if (grants) {
      String v = volume.name();
      String granted =
          String.join(", ", access.grants().stream().map(cn -> cn + terms(share, cn)).toList());
      plan.add(
          context
              .onShare(ActionType.ALLOW_ACCESS, name, at)
              .summary("allow " + granted + addsInfrastructure(access))
              .changes(List.of(access.change()))
              .steps(
                  List.of(
                      Step.Gluster.set(
                          v,
                          Map.of(Security.SSL_ALLOW, access.targetText()),
                          "allow " + granted + " on " + v))));
    }
  }

  /**
   * The deny of a share's volume: one volume set of the final list, with a restart when the volume
   * does not cut revoked CNs off by itself.
   *
   * @param occasion appended to the summary, e.g. why a share about to be deleted is revoked
   */
  Action.Builder deny(String share, Located at, AccessList access, String occasion) {
    return deny(share, at, access, occasion, cn -> "");
  }

  /**
   * The same, with {@code terms} of each revoked CN in the summary (why it goes: "expired on
   * 2027-01-31").
   */
  private Action.Builder deny(
      String share,
      Located at,
      AccessList access,
      String occasion,
      Function<String, String> terms) {
    Volume volume = at.volume();
    String v = volume.name();
    List<String> revoked = access.revokes().stream().map(Security::printable).toList();
    String what = "deny " + String.join(", ", revoked);
    String labelled =
        "deny "
            + String.join(
                ", ",
                access.revokes().stream()
                    .map(cn -> Security.printable(cn) + terms.apply(cn))
                    .toList());
    String summary =
        labelled
            + (access.grants().isEmpty() ? "" : "; allow " + String.join(", ", access.grants()))
            + addsInfrastructure(access);
    Step set =
        Step.Gluster.set(v, Map.of(Security.SSL_ALLOW, access.targetText()), what + " on " + v);
    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>(access.unsafeWarnings(v));
    if (volume.status() != Volume.Status.STARTED) {
      // Nobody is connected to a stopped volume: the list is all there is to change.
      steps.add(set);
    } else if (volume.isOn(Security.DYNAMIC_AUTH)) {
      steps.add(set);
      warn.add(
          "connected clients of "
              + String.join(", ", revoked)
              + " are cut off at once"
              + " (server.dynamic-auth); their mounts unmount themselves, and a process still"
              + " writing to the mount point then writes to the local disk without error");
    } else {
      // Without dynamic-auth a removed CN keeps its connections until the bricks restart.
      steps.add(Step.Gluster.stop(v));
      steps.add(set);
      steps.add(Step.Gluster.start(v));
      warn.add(
          "restarts "
              + v
              + " (stop, start) to cut off connected clients of "
              + String.join(", ", revoked));
    }
    return context
        .onShare(ActionType.DENY_ACCESS, share, at)
        .summary(summary + occasion)
        .changes(List.of(access.change()))
        .warnings(warn)
        .steps(steps);
  }

  /**
   * Options off, missing infrastructure CNs, a volume not running: one repair, whose volume set
   * also writes the final access list when no deny or allow does ({@code writesList}).
   */
  private void repair(String share, Located at, AccessList access, boolean writesList) {
    Volume volume = at.volume();
    String v = volume.name();
    List<Security.Drift> drift =
        Security.optionDrift(volume, context.cluster(at.cluster()).observed().version());
    boolean started = volume.status() == Volume.Status.STARTED;
    boolean missingInfra = writesList && !access.missingInfrastructure().isEmpty();
    if (drift.isEmpty() && !missingInfra && started) {
      return;
    }
    Map<String, String> set = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    for (Security.Drift d : drift) {
      set.put(d.option(), d.expected());
      changes.add(Change.option(d.option(), d.actual(), d.expected()));
    }
    if (missingInfra) {
      set.put(Security.SSL_ALLOW, access.targetText());
      changes.add(access.change());
    }
    boolean sslDrift = drift.stream().anyMatch(d -> Security.NEEDS_RESTART.contains(d.option()));
    List<Step> steps = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    if (started && sslDrift) {
      steps.add(Step.Gluster.stop(v));
      warn.add(
          "restarts "
              + v
              + " (stop, start) so that its bricks serve TLS: connected clients lose"
              + " the mount until it is back");
    }
    if (!set.isEmpty()) {
      steps.add(Step.Gluster.set(v, set, "repair security options of " + v));
    }
    if (!started || sslDrift) {
      steps.add(Step.Gluster.start(v));
    }
    if (!started) {
      changes.add(Change.of("status", volume.status().label(), "Started"));
    }
    plan.add(
        context
            .onShare(ActionType.REPAIR_SHARE, share, at)
            .summary(
                "repair "
                    + v
                    + ": "
                    + String.join(", ", changes.stream().map(Change::field).toList()))
            .changes(changes)
            .warnings(warn)
            .steps(steps));
  }

  /**
   * What the file says of a CN's grant, for summaries: " (expired on 2027-01-31; OPS-1234)", "
   * (until 2027-01-31)", " (OPS-1234)", or nothing.
   */
  private String terms(ShareSpec share, String cn) {
    Optional<AccessRule> rule = share.access().stream().filter(a -> a.cn().equals(cn)).findFirst();
    if (rule.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    rule.get()
        .expires()
        .ifPresent(
            e -> parts.add((e.expiredAt(context.now()) ? "expired on " : "until ") + e.written()));
    rule.get().note().ifPresent(note -> parts.add(Printable.value(note)));
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }

  /** The summary's note of the infrastructure CNs a list gains, if any. */
  private static String addsInfrastructure(AccessList access) {
    return access.missingInfrastructure().isEmpty()
        ? ""
        : "; add infrastructure CNs " + String.join(", ", access.missingInfrastructure());
  }
}
