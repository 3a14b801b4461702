package io.glustershares.plan;

import io.glustershares.model.DesiredState;
import io.glustershares.model.ObservedState;
import io.glustershares.model.ShareSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The planner: a pure function of the desired state and the observed state. It never does I/O;
 * everything it knows about the clusters is in {@link ObservedState}.
 *
 * <p>Its parts each plan one concern, reading the {@link PlanContext} and writing the {@link
 * PlanBuilder}: {@link Binding} (and {@link Pool}), {@link Clones}, {@link Access}, {@link
 * Snapshots}, {@link Deletions}, {@link Release}. {@link Ordering} links and orders their actions,
 * {@link Targeting} keeps those {@code --target} asks for.
 */
public final class Planner {

  private final PlanContext context;
  private final PlanBuilder plan;
  private final Binding binding;
  private final Clones clones;
  private final Snapshots snapshots;
  private final Deletions deletions;
  private final Release release;

  private Planner(PlanContext context, PlanBuilder plan) {
    Access access = new Access(context, plan);
    this.context = context;
    this.plan = plan;
    this.binding = new Binding(context, plan, access);
    this.clones = new Clones(context, plan);
    this.snapshots = new Snapshots(context, plan);
    this.deletions = new Deletions(context, plan, access, snapshots);
    this.release = new Release(context, plan);
  }

  /** The plan that converges {@code observed} on {@code desired}. */
  public static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    for (String target : options.targets()) {
      if (desired.share(target).isEmpty()) {
        throw new IllegalArgumentException(
            "--target '" + target + "': no share of that name in " + desired.source());
      }
    }
    PlanBuilder plan = new PlanBuilder();
    // A cluster of several servers whose infrastructure CNs cannot be known gets no action.
    Set<String> refused = new HashSet<>();
    desired
        .clusters()
        .forEach(
            (name, spec) ->
                observed
                    .cluster(name)
                    .flatMap(cluster -> Infrastructure.undeclared(spec, cluster))
                    .ifPresent(
                        why -> {
                          plan.refuses(Optional.of(PlanMessage.clusterError(name, why)));
                          refused.add(name);
                        }));
    Planner planner = new Planner(PlanContext.of(desired, observed, options), plan);
    planner.planShares();
    planner.deletions.unmanaged();
    // Nothing changes a volume with a brick on a disconnected peer (issue 12, PeerGate).
    return plan.build(
        desired, options, linked -> PeerGate.filter(linked, observed.clusters(), refused));
  }

  // ---- shares of the file --------------------------------------------------------------------

  private void planShares() {
    // Parents before clones, whatever the file's order: a clone needs its parent's placement.
    List<ShareSpec> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<ShareSpec> remaining = new ArrayList<>(context.desired().shares());
    while (!remaining.isEmpty()) {
      boolean progress = false;
      for (var it = remaining.iterator(); it.hasNext(); ) {
        ShareSpec share = it.next();
        if (share.fromSnapshot().map(f -> done.contains(f.share())).orElse(true)) {
          ordered.add(share);
          done.add(share.name());
          it.remove();
          progress = true;
        }
      }
      if (!progress) {
        ordered.addAll(remaining);
        break;
      }
    }
    for (ShareSpec share : ordered) {
      if (share.isAbsent()) {
        deletions.absent(share);
      } else if (share.isReleased()) {
        release.plan(share);
      } else {
        present(share);
      }
    }
  }

  private void present(ShareSpec share) {
    String name = share.name();
    List<Located> bound = context.boundTo(name);
    if (plan.refuses(context.boundToSeveral(name, true, "nothing is planned for it"))) {
      return;
    }
    if (bound.size() == 1) {
      binding.bound(share, bound.get(0));
    } else if (share.fromSnapshot().isPresent()) {
      clones.plan(share);
    } else if (share.volume().isPresent()) {
      binding.namedVolume(share);
    } else {
      binding.fromPool(share);
    }
    // Wherever the share is or will be, its snapshots; none when it could not be placed.
    plan.placement(name).ifPresent(placement -> snapshots.plan(share, placement));
  }
}
