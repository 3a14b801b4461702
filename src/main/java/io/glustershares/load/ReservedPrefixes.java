package io.glustershares.load;

import io.glustershares.model.Printable;
import io.glustershares.model.TlsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CN prefixes of the {@code tls} settings, each with the field that sets it. A CN under one of
 * them is treated as infrastructure or kept on every share, never revoked: a tenant CN there would
 * reach every share of the cluster (issue 11), so tenants may not use them.
 */
record ReservedPrefixes(List<ReservedPrefixes.Prefix> all) {

  /** One prefix, the field that sets it and what its CNs are. */
  record Prefix(String value, String field, String what, boolean infrastructure) {
    String describe() {
      return what + " " + Printable.quoted(value) + " (" + field + ")";
    }

    /** {@code 'manila-host' (tls.hostCnPrefix)} */
    String describeShort() {
      return Printable.quoted(value) + " (" + field + ")";
    }

    /** What a tenant could do with a CN under this prefix. */
    String danger() {
      return infrastructure
          ? "CNs under it are infrastructure, kept on every share of the cluster and never revoked,"
              + " so a tenant holding one could mount every share"
          : "CNs under it are never revoked, so a tenant holding one would keep its access after"
              + " it is removed from the file";
    }
  }

  ReservedPrefixes {
    all = List.copyOf(all);
  }

  static ReservedPrefixes of(TlsPolicy tls) {
    List<Prefix> all = new ArrayList<>();
    all.add(
        new Prefix(
            tls.serverCnPrefix(), "tls.serverCnPrefix", "the gluster servers' CN prefix", true));
    all.add(
        new Prefix(tls.hostCnPrefix(), "tls.hostCnPrefix", "the managing host's CN prefix", true));
    for (String keep : tls.keepCnPrefixes()) {
      all.add(new Prefix(keep, "tls.keepCnPrefixes", "the kept CN prefix", false));
    }
    // An empty prefix only comes from a document the schema refused; it would claim every CN.
    all.removeIf(p -> p.value().isEmpty());
    return new ReservedPrefixes(all);
  }

  /** The first prefix {@code cn} starts with, if any. */
  Optional<Prefix> of(String cn) {
    return all.stream().filter(p -> cn.startsWith(p.value())).findFirst();
  }

  List<Prefix> infrastructure() {
    return all.stream().filter(Prefix::infrastructure).toList();
  }

  /** The prefixes, quoted and separated by commas, for the "valid:" part of a message. */
  static String list(List<Prefix> prefixes) {
    return prefixes.stream()
        .map(p -> Printable.quoted(p.value()))
        .distinct()
        .collect(Collectors.joining(", "));
  }
}
