package io.glustershares.plan;

import java.util.Optional;

/**
 * One attribute an action changes. {@code before} is empty when the attribute does not exist yet (a
 * new binding, a new snapshot); {@code after} is empty when it will no longer exist.
 */
public record Change(String field, Optional<String> before, Optional<String> after) {

  public static Change of(String field, String before, String after) {
    return new Change(field, Optional.of(before), Optional.of(after));
  }

  public static Change added(String field, String after) {
    return new Change(field, Optional.empty(), Optional.of(after));
  }

  public static Change removed(String field, String before) {
    return new Change(field, Optional.of(before), Optional.empty());
  }
}
