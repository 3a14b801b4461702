package io.glustershares.plan;

import io.glustershares.model.Identity;
import io.glustershares.model.ShareSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A share the file marks {@code state: released}: it stops being managed without being destroyed.
 * One {@code volume set} writes {@code NONE} into our owner and name tags, which are the identity
 * (SPEC §3), and nothing else: {@code user.manila-share} keeps the volume bound (for Manila too),
 * {@code auth.ssl-allow} and the security options stay, no restart, no wipe. Afterwards the volume
 * is bound by a UUID with no owner, which every later plan leaves alone, with or without the entry.
 */
record Release(PlanContext context, PlanBuilder plan) {

  void plan(ShareSpec share) {
    String name = share.name();
    if (plan.refuses(context.boundToSeveral(name, true, "refusing to release any of them"))) {
      return;
    }
    List<Located> bound = context.boundTo(name);
    if (bound.size() != 1) {
      return; // released already, or never made: nothing of ours to untag
    }
    Located at = bound.get(0);
    String v = at.volume().name();
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Identity.OWNER, Identity.NONE);
    set.put(Identity.NAME, Identity.NONE);
    Action.Builder action =
        context
            .onShare(ActionType.RELEASE_SHARE, name, at)
            .summary(
                "stop managing %s (state: released): remove our owner and name tags; it stays bound, with its access, security options, snapshots and data"
                    .formatted(v))
            .changes(
                List.of(
                    Change.option(Identity.OWNER, Change.Value.of(context.stack()), Identity.NONE),
                    Change.option(Identity.NAME, Change.Value.of(name), Identity.NONE)));
    // Without a UUID in user.manila-share the untagged volume would look free, and the next
    // create anywhere would bind it, data and all: the same call binds it by the share's UUID.
    if (Inventory.tag(at.volume(), Identity.MANILA_SHARE).filter(Inventory::isUuid).isEmpty()) {
      String uuid = Identity.shareUuid(context.stack(), name).toString();
      set.put(Identity.MANILA_SHARE, uuid);
      action.changes(
          List.of(
              Change.option(
                  Identity.MANILA_SHARE,
                  Change.Value.option(at.volume().option(Identity.MANILA_SHARE)),
                  uuid)));
    }
    plan.add(
        action.steps(
            List.of(Step.Gluster.set(v, set, "untag " + v + ": share " + name + " released"))));
  }
}
