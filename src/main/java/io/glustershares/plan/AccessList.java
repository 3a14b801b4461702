package io.glustershares.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one volume's {@code auth.ssl-allow} holds and must hold: the cluster's infrastructure CNs,
 * the share's tenant CNs and the entries already on this volume under {@code keepCnPrefixes};
 * nothing else. Computed once per volume, so that whatever action writes the list writes the final
 * one, never a list that a later action must clean up. An entry gluster would read as a glob (or
 * that holds whitespace or control characters) is never kept, whatever its prefix.
 *
 * @param current the entries on the volume now, in its order
 * @param target the list to write, sorted
 * @param grants tenant CNs the target adds
 * @param missingInfrastructure infrastructure CNs the target adds
 * @param revokes entries the target drops, in the volume's order
 * @param unsafe the entries of {@code revokes} that gluster would match as patterns
 */
record AccessList(
    List<String> current,
    Set<String> target,
    List<String> grants,
    List<String> missingInfrastructure,
    List<String> revokes,
    List<String> unsafe) {

  static AccessList of(
      List<String> current, Infrastructure infrastructure, Collection<String> tenants) {
    Set<String> target = new TreeSet<>(infrastructure.cns());
    target.addAll(tenants);
    for (String cn : current) {
      if (infrastructure.keeps(cn)) {
        target.add(cn);
      }
    }
    List<String> grants = new ArrayList<>();
    for (String cn : tenants) {
      if (!current.contains(cn) && !grants.contains(cn)) {
        grants.add(cn);
      }
    }
    List<String> missing =
        infrastructure.cns().stream()
            .filter(cn -> !current.contains(cn) && !grants.contains(cn))
            .toList();
    List<String> revokes = current.stream().filter(cn -> !target.contains(cn)).toList();
    List<String> unsafe = revokes.stream().filter(cn -> !Security.isSafeEntry(cn)).toList();
    return new AccessList(
        List.copyOf(current),
        Collections.unmodifiableSet(target),
        grants,
        missing,
        revokes,
        unsafe);
  }

  boolean changes() {
    return !grants.isEmpty() || !missingInfrastructure.isEmpty() || !revokes.isEmpty();
  }

  String targetText() {
    return Security.join(target);
  }

  String currentText() {
    return String.join(",", current);
  }

  /** The change of {@code auth.ssl-allow} this list makes, as lists. */
  Change change() {
    return Change.cns(Security.SSL_ALLOW, current, List.copyOf(target));
  }

  /** The list of a new volume (a clone): the infrastructure CNs and the tenants, nothing kept. */
  static AccessList fresh(Infrastructure infrastructure, Collection<String> tenants) {
    return of(List.of(), infrastructure, tenants);
  }

  /** Why an unsafe entry goes, for the plan's {@code !} lines. */
  List<String> unsafeWarnings(String volume) {
    List<String> out = new ArrayList<>();
    for (String entry : unsafe) {
      out.add(
          "auth.ssl-allow of "
              + volume
              + " holds '"
              + Security.printable(entry)
              + "': gluster matches entries as glob patterns (or splits on whitespace), so it could"
              + " let other CNs mount; removed");
    }
    return out;
  }
}
