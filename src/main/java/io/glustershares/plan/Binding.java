package io.glustershares.plan;

import io.glustershares.model.GlusterBoolean;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Identity;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The binding of a share of the file to a volume (SPEC §4): a share already bound is checked and
 * its access planned; a new one is bound to the pool volume {@link Pool} chooses or to the volume
 * the file names, or adopts a volume Manila bound. Each records where the share is in the {@link
 * PlanBuilder}. Clones are {@link Clones}.
 */
record Binding(PlanContext context, PlanBuilder plan, Access access, Pool pool) {

  Binding(PlanContext context, PlanBuilder plan, Access access) {
    this(context, plan, access, new Pool(context, plan));
  }

  /**
   * A share already bound to {@code at}: errors for what the file asks that a bound share cannot
   * do, then its access and repair.
   */
  void bound(ShareSpec share, Located at) {
    check(share, at);
    plan.place(share.name(), Placement.existing(at));
    access.plan(share, at);
  }

  private void check(ShareSpec share, Located at) {
    if (share.cluster().isPresent() && !share.cluster().get().equals(at.cluster())) {
      refuse(
          share,
          at,
          "' is bound to volume %s; moving it to cluster '%s' is refused: there is no migration and rebinding would lose its data"
              .formatted(at.where(), share.cluster().get()));
    }
    if (share.volume().isPresent() && !share.volume().get().equals(at.volume().name())) {
      refuse(
          share,
          at,
          "' is bound to volume %s, not to '%s'; rebinding is refused: it would lose the share's data"
              .formatted(at.where(), share.volume().get()));
    }
    tooSmall(
        share,
        at,
        context.desired().volumePattern().sizeOf(at.volume().name()),
        "its volume",
        "; a bound share cannot grow (there is no resize, and rebinding would lose its data)");
  }

  /** A new share on the pool volume {@link Pool} chooses. */
  void fromPool(ShareSpec share) {
    String name = share.name();
    Optional<String> pin = share.cluster();
    int size = share.size().orElse(0);
    Optional<PlanContext.Free> chosen = pool.choose(size, pin);
    if (chosen.isEmpty()) {
      plan.error(name, pool.noFitMessage(name, size, pin));
      return;
    }
    PlanContext.Free free = chosen.get();
    pool.take(free.cluster(), free.volume().name());
    if (plan.refuses(
        context.cluster(free.cluster()).tooOld(name, GlusterVersion.MINIMUM, "binding a share"))) {
      return;
    }
    create(share, free.cluster(), free.volume(), free.size());
  }

  /** A plan warning when the volume bound carries a {@code user.manila-share} that is no UUID. */
  private void oddTag(String share, String cluster, Volume volume) {
    Inventory.oddManilaTag(volume)
        .ifPresent(
            odd ->
                plan.note(
                    PlanMessage.Kind.NOTICE,
                    share,
                    cluster,
                    "share '%s' binds %s, whose user.manila-share is %s: not a UUID, so free as Manila reads it; the binding overwrites it"
                        .formatted(
                            share, new Located(cluster, volume).where(), Printable.quoted(odd))));
  }

  /** A new share on the volume the file names: bound from the pool, or adopted. */
  void namedVolume(ShareSpec share) {
    String name = share.name();
    String volume = share.volume().orElseThrow();
    List<Located> found = new ArrayList<>();
    List<Inventory.Classified> roles = new ArrayList<>();
    for (Map.Entry<String, PlanContext.Cluster> e : context.clusters().entrySet()) {
      if (share.cluster().isPresent() && !share.cluster().get().equals(e.getKey())) {
        continue;
      }
      for (Inventory.Classified c : e.getValue().classified()) {
        if (c.volume().name().equals(volume)) {
          found.add(new Located(e.getKey(), c.volume()));
          roles.add(c);
        }
      }
    }
    if (found.isEmpty()) {
      plan.error(
          name,
          names(share)
              + "', which does not exist "
              + share.cluster().map(c -> "on cluster '" + c + "'").orElse("on any cluster"));
      return;
    }
    if (found.size() > 1) {
      plan.error(
          name,
          names(share)
              + "', which exists on several clusters ("
              + String.join(", ", found.stream().map(Located::cluster).toList())
              + "); pin the share"
              + " with 'cluster'");
      return;
    }
    Located at = found.get(0);
    VolumeRole role = roles.get(0).role();
    if (role instanceof VolumeRole.Foreign foreign && foreign.owner().isEmpty()) {
      adopt(share, at, foreign);
      return;
    }
    Optional<String> taken = whyNotBindable(role, at);
    if (taken.isPresent()) {
      refuse(share, at, taken.get());
      return;
    }
    if (pool.isTaken(at.cluster(), volume)) {
      refuse(share, at, "' names volume " + at.where() + ", already chosen for another share");
      return;
    }
    pool.take(at.cluster(), volume);
    if (role instanceof VolumeRole.NotReady notReady) {
      plan.note(
          PlanMessage.Kind.NOTICE,
          name,
          at.cluster(),
          "share '%s' binds %s, which is not ready: %s"
              .formatted(name, at.where(), notReady.reason()));
    }
    OptionalInt size = context.desired().volumePattern().sizeOf(volume);
    if (tooSmall(share, at, size, "volume", "")) {
      return;
    }
    create(share, at.cluster(), at.volume(), size);
  }

  private void create(ShareSpec share, String cluster, Volume volume, OptionalInt size) {
    String name = share.name();
    PlanContext.Cluster index = context.cluster(cluster);
    String v = volume.name();
    AccessList access =
        AccessList.of(Security.cns(volume), index.infrastructure(), context.tenants(share));
    Set<String> cns = access.target();
    if (plan.refuses(index.emptyList(name, v, cns, "once bound"))) {
      return;
    }
    oddTag(name, cluster, volume);
    String after = access.targetText();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.MANILA_SHARE, Identity.shareUuid(context.stack(), name).toString());
    set.put(Identity.OWNER, context.stack());
    set.put(Identity.NAME, name);
    set.put(Security.SSL_ALLOW, after);
    Map<String, String> secured = Security.secured(index.observed().version());
    set.putAll(secured);

    List<Step> steps = new ArrayList<>();
    // Last guard against another apply that chose the same free volume: re-read its tags first.
    steps.add(new Step.CheckFree(v));
    List<String> warn = new ArrayList<>();
    boolean started = volume.status() == Volume.Status.STARTED;
    boolean sslChanges = !volume.isOn(Security.CLIENT_SSL) || !volume.isOn(Security.SERVER_SSL);
    // Stop before the set, so that an apply killed in between leaves a stopped volume that the
    // next plan starts: the bricks can never keep running without the TLS they were given.
    if (started && sslChanges) {
      steps.add(Step.Gluster.stop(v));
      warn.add("restarts " + v + " (stop, start) so that its bricks serve TLS");
    }
    steps.add(Step.Gluster.set(v, set, "tag and secure " + v + " in one volume set"));
    if (!started || sslChanges) {
      steps.add(Step.Gluster.start(v));
    }
    List<Change> changes = new ArrayList<>();
    changes.add(Change.added("volume", v + size(size)));
    changes.add(Change.added("access", accessText(context.tenants(share))));
    changes.add(
        Change.option(
            Security.SSL_ALLOW, Change.Value.option(volume.option(Security.SSL_ALLOW)), after));
    for (Map.Entry<String, String> o : secured.entrySet()) {
      Optional<String> now = volume.option(o.getKey());
      if (!now.map(value -> GlusterBoolean.same(o.getValue(), value)).orElse(false)) {
        changes.add(Change.option(o.getKey(), Change.Value.option(now), o.getValue()));
      }
    }
    if (!access.revokes().isEmpty()) {
      changes.add(
          Change.removed("leftover CNs of the pool volume", String.join(",", access.revokes())));
    }
    // The one volume set that binds the volume also rewrites its list: a glob left on a pool
    // volume never guards a share.
    warn.addAll(access.unsafeWarnings(v));
    plan.add(
        context
            .onShare(ActionType.CREATE_SHARE, name, new Located(cluster, volume))
            .summary("bind " + v + size(size) + " from the pool")
            .changes(changes)
            .warnings(warn)
            .steps(steps));
    plan.place(name, Placement.made(cluster, v));
  }

  private void adopt(ShareSpec share, Located at, VolumeRole.Foreign foreign) {
    String name = share.name();
    String v = at.volume().name();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.OWNER, context.stack());
    set.put(Identity.NAME, name);
    plan.add(
        context
            .onShare(ActionType.ADOPT_SHARE, name, at)
            .summary(
                "adopt %s (%s): write our owner and name tags; its Manila UUID, access and data stay"
                    .formatted(v, foreign.reason()))
            .changes(
                List.of(
                    Change.option(Identity.OWNER, Change.Value.unset(), context.stack()),
                    Change.option(Identity.NAME, Change.Value.unset(), name)))
            .steps(List.of(Step.Gluster.set(v, set, "tag " + v + " as share " + name))));
    pool.take(at.cluster(), v);
    plan.place(name, Placement.existing(at));
    access.plan(share, at);
  }

  /** {@code share 'NAME' names volume 'VOLUME}, for errors about the volume the file names. */
  private static String names(ShareSpec share) {
    return "share '" + share.name() + "' names volume '" + share.volume().orElseThrow();
  }

  /**
   * An error about {@code share} bound or to be bound to {@code at}: its quoted name, then rest.
   */
  private void refuse(ShareSpec share, Located at, String rest) {
    plan.error(share.name(), at.cluster(), "share '" + share.name() + rest);
  }

  /**
   * Refuses a share that asks for more than the volume at {@code at} holds; whether it did.
   *
   * @param volume how the error names the volume: {@code "its volume"}
   * @param consequence appended to the error
   */
  private boolean tooSmall(
      ShareSpec share, Located at, OptionalInt holds, String volume, String consequence) {
    if (share.size().isEmpty() || holds.isEmpty() || share.size().getAsInt() <= holds.getAsInt()) {
      return false;
    }
    refuse(
        share,
        at,
        "' asks for %d GB but %s %s holds %d GB%s"
            .formatted(share.size().getAsInt(), volume, at.where(), holds.getAsInt(), consequence));
    return true;
  }

  /** Why a share cannot bind the volume it names, said after the share's name; none if it can. */
  private static Optional<String> whyNotBindable(VolumeRole role, Located at) {
    String names = "' names volume " + at.where();
    if (role instanceof VolumeRole.Foreign foreign) {
      return Optional.of(
          "%s, which is %s; only volumes bound by Manila (no owner tag) can be adopted"
              .formatted(names, foreign.reason()));
    }
    if (role instanceof VolumeRole.Share other) {
      return Optional.of(names + ", which is bound to share '" + other.share() + "'");
    }
    if (role instanceof VolumeRole.PendingClone) {
      return Optional.of(names + ", an unfinished clone");
    }
    if (role instanceof VolumeRole.Released released) {
      return Optional.of(
          "%s, which the file releases as share '%s'; give the volume to one entry only"
              .formatted(names, released.share()));
    }
    if (role instanceof VolumeRole.Free
        || role instanceof VolumeRole.NotReady
        || role instanceof VolumeRole.OutsidePattern) {
      return Optional.empty();
    }
    throw new IllegalStateException("unknown volume role " + role);
  }

  /** The file's tenant CNs of a share, for a change line. */
  static String accessText(List<String> tenants) {
    return tenants.isEmpty() ? "(no tenant CN: infrastructure only)" : String.join(",", tenants);
  }

  /**
   * A volume's size for the plan: none without a size in the pattern, "size unknown" if no size.
   */
  private String size(OptionalInt size) {
    if (size.isPresent()) {
      return " (" + size.getAsInt() + " GB)";
    }
    return context.desired().volumePattern().hasSize() ? " (size unknown)" : "";
  }
}
