package io.glustershares.plan;

import io.glustershares.model.AccessRule;
import io.glustershares.model.ClusterSpec;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Expiry;
import io.glustershares.model.Printable;
import io.glustershares.model.ShareSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed in the desired state between a base revision and now, share by share: what a
 * reviewer of a merge request reads next to the plan. Pure: both states were loaded before.
 *
 * @param base the base as the user named it, e.g. {@code origin/main (1a2b3c4d5e6f)}
 * @param baseMissing why there is no base state (the file did not exist or was invalid there)
 * @param settings changes outside the shares (stack, pattern, clusters, TLS prefixes)
 * @param shares the shares added, removed or changed, in file order (removed ones last)
 */
public record DesiredDiff(
    String base, Optional<String> baseMissing, List<String> settings, List<ShareChange> shares) {

  public DesiredDiff {
    settings = List.copyOf(settings);
    shares = List.copyOf(shares);
  }

  public enum Kind {
    ADDED('+'),
    CHANGED('~'),
    REMOVED('-');

    private final char symbol;

    Kind(char symbol) {
      this.symbol = symbol;
    }

    public char symbol() {
      return symbol;
    }

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One share's change, with one line per field that changed. */
  public record ShareChange(String share, Kind kind, List<String> details) {
    public ShareChange {
      details = List.copyOf(details);
    }
  }

  public boolean isEmpty() {
    return settings.isEmpty() && shares.isEmpty();
  }

  /**
   * @param base the state at the base revision; empty when it has none (see {@code baseMissing})
   */
  public static DesiredDiff between(
      String baseLabel,
      Optional<DesiredState> base,
      Optional<String> baseMissing,
      DesiredState now) {
    List<String> settings = new ArrayList<>();
    Map<String, ShareSpec> before = new LinkedHashMap<>();
    if (base.isPresent()) {
      DesiredState b = base.get();
      field(settings, "stack", b.stack(), now.stack());
      field(
          settings, "volumePattern", b.volumePattern().toString(), now.volumePattern().toString());
      field(settings, "mountBase", b.mountBase(), now.mountBase());
      field(settings, "tls.serverCnPrefix", b.tls().serverCnPrefix(), now.tls().serverCnPrefix());
      field(settings, "tls.hostCnPrefix", b.tls().hostCnPrefix(), now.tls().hostCnPrefix());
      set(settings, "tls.keepCnPrefixes", b.tls().keepCnPrefixes(), now.tls().keepCnPrefixes());
      clusters(settings, b.clusters(), now.clusters());
      b.shares().forEach(s -> before.put(s.name(), s));
    }
    List<ShareChange> shares = new ArrayList<>();
    for (ShareSpec share : now.shares()) {
      ShareSpec old = before.remove(share.name());
      if (old == null) {
        shares.add(new ShareChange(share.name(), Kind.ADDED, describe(share)));
      } else if (!old.equals(share)) {
        List<String> details = changes(old, share);
        if (!details.isEmpty()) {
          shares.add(new ShareChange(share.name(), Kind.CHANGED, details));
        }
      }
    }
    for (ShareSpec gone : before.values()) {
      shares.add(
          new ShareChange(
              gone.name(),
              Kind.REMOVED,
              List.of(
                  "removed from the file (its volume is left alone unless the plan prunes it)")));
    }
    return new DesiredDiff(baseLabel, baseMissing, settings, shares);
  }

  private static List<String> describe(ShareSpec s) {
    List<String> out = new ArrayList<>();
    if (!s.isPresent()) {
      out.add("state: " + state(s));
    }
    s.size().ifPresent(gb -> out.add("size: " + gb + " GB"));
    s.cluster().ifPresent(c -> out.add("cluster: " + c));
    s.volume().ifPresent(v -> out.add("volume: " + v));
    s.fromSnapshot().ifPresent(f -> out.add("fromSnapshot: " + f));
    if (!s.access().isEmpty()) {
      out.add("access: " + String.join(", ", s.access().stream().map(DesiredDiff::grant).toList()));
    }
    if (!s.snapshots().isEmpty()) {
      out.add("snapshots: " + String.join(", ", snapshotNames(s)));
    }
    return out;
  }

  /** {@code contractor-x (until 2027-01-31; "OPS-1234")}: a CN with the terms of its grant. */
  private static String grant(AccessRule r) {
    List<String> terms = new ArrayList<>();
    r.expires().ifPresent(e -> terms.add("until " + e.written()));
    r.note().ifPresent(n -> terms.add(Printable.quoted(n)));
    return terms.isEmpty() ? r.cn() : r.cn() + " (" + String.join("; ", terms) + ")";
  }

  private static List<String> changes(ShareSpec a, ShareSpec b) {
    List<String> out = new ArrayList<>();
    field(out, "state", state(a), state(b));
    field(out, "size", size(a.size()), size(b.size()));
    field(out, "cluster", a.cluster().orElse("(any)"), b.cluster().orElse("(any)"));
    field(
        out, "volume", a.volume().orElse("(from the pool)"), b.volume().orElse("(from the pool)"));
    field(
        out,
        "fromSnapshot",
        a.fromSnapshot().map(Object::toString).orElse("(none)"),
        b.fromSnapshot().map(Object::toString).orElse("(none)"));
    set(out, "access", a.cns(), b.cns());
    terms(out, a, b);
    set(out, "snapshots", snapshotNames(a), snapshotNames(b));
    return out;
  }

  /**
   * A grant kept under the same CN whose end or note changed: extending a contractor's access is a
   * change a reviewer must see, though no CN is added or removed.
   */
  private static void terms(List<String> out, ShareSpec a, ShareSpec b) {
    Map<String, AccessRule> before = new LinkedHashMap<>();
    a.access().forEach(r -> before.putIfAbsent(r.cn(), r));
    for (AccessRule now : b.access()) {
      AccessRule old = before.get(now.cn());
      if (old == null) {
        continue;
      }
      field(
          out,
          "access " + now.cn() + " expires",
          old.expires().map(Expiry::written).orElse("(never)"),
          now.expires().map(Expiry::written).orElse("(never)"));
      field(
          out,
          "access " + now.cn() + " note",
          old.note().map(Printable::quoted).orElse("(none)"),
          now.note().map(Printable::quoted).orElse("(none)"));
    }
  }

  private static void clusters(
      List<String> out, Map<String, ClusterSpec> before, Map<String, ClusterSpec> now) {
    for (ClusterSpec c : now.values()) {
      ClusterSpec old = before.get(c.name());
      if (old == null) {
        out.add("cluster " + c.name() + " added: " + c.server().written());
      } else {
        field(out, "cluster " + c.name() + " server", old.server().written(), c.server().written());
        if (!old.ssh().equals(c.ssh())) {
          out.add("cluster " + c.name() + " ssh settings changed");
        }
        // Every infrastructure CN may mount every share of the cluster: a reviewer must see it.
        set(
            out,
            "cluster " + c.name() + " infrastructureCns",
            old.infrastructureCns(),
            c.infrastructureCns());
        if (!old.timeout().equals(c.timeout())) {
          field(
              out,
              "cluster " + c.name() + " timeoutSeconds",
              String.valueOf(old.timeout().toSeconds()),
              String.valueOf(c.timeout().toSeconds()));
        }
      }
    }
    for (ClusterSpec c : before.values()) {
      if (!now.containsKey(c.name())) {
        out.add("cluster " + c.name() + " removed: " + c.server().written());
      }
    }
  }

  private static void field(List<String> out, String name, String before, String after) {
    if (!Objects.equals(before, after)) {
      out.add(name + ": " + before + " → " + after);
    }
  }

  private static void set(List<String> out, String name, List<String> before, List<String> after) {
    Set<String> added = new TreeSet<>(after);
    before.forEach(added::remove);
    Set<String> removed = new TreeSet<>(before);
    after.forEach(removed::remove);
    if (added.isEmpty() && removed.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    added.forEach(x -> parts.add("+ " + x));
    removed.forEach(x -> parts.add("- " + x));
    out.add(name + ": " + String.join(", ", parts));
  }

  private static String state(ShareSpec s) {
    return s.state().name().toLowerCase(Locale.ROOT);
  }

  private static String size(OptionalInt size) {
    return size.isPresent() ? size.getAsInt() + " GB" : "(none)";
  }

  private static List<String> snapshotNames(ShareSpec s) {
    // A snapshot named by its gluster name is another snapshot when that name changes.
    return s.snapshots().stream()
        .map(n -> n.name() + n.gluster().map(g -> " (gluster: " + g + ")").orElse(""))
        .toList();
  }
}
