package io.glustershares.plan;

import java.util.List;
import java.util.Optional;

/**
 * One attribute an action changes, from what it holds before to what it holds after, in the manner
 * of Terraform's {@code plans.Change}: either side may be {@link Value.Absent} (a new binding or
 * snapshot has no before, a deleted one no after).
 */
public record Change(String field, Change.Value before, Change.Value after) {

  /** What an attribute holds on one side of a change. */
  public sealed interface Value {

    /**
     * The value as plans print it: empty when absent (JSON {@code null}, text {@code (none)}),
     * {@code (unset)} when unset.
     */
    Optional<String> text();

    /** The attribute does not exist: the volume is not bound yet, the snapshot not made. */
    record Absent() implements Value {
      @Override
      public Optional<String> text() {
        return Optional.empty();
      }
    }

    /** An option the volume does not set: gluster's default applies, whatever it is. */
    record Unset() implements Value {
      @Override
      public Optional<String> text() {
        return Optional.of("(unset)");
      }
    }

    /**
     * A list of CNs ({@code auth.ssl-allow}), kept as the list so that whoever reads the change
     * (audit's grants and revokes) never parses its printed form.
     */
    record Cns(List<String> cns) implements Value {
      public Cns {
        cns = List.copyOf(cns);
      }

      @Override
      public Optional<String> text() {
        return Optional.of(String.join(",", cns));
      }
    }

    /** A value. */
    record Present(String value) implements Value {
      @Override
      public Optional<String> text() {
        return Optional.of(value);
      }
    }

    static Value absent() {
      return new Absent();
    }

    static Value unset() {
      return new Unset();
    }

    static Value of(String value) {
      return new Present(value);
    }

    /** A volume's option: unset when the volume has no explicit value for it. */
    static Value option(Optional<String> value) {
      return value.map(Value::of).orElseGet(Value::unset);
    }
  }

  public static Change of(String field, String before, String after) {
    return new Change(field, Value.of(before), Value.of(after));
  }

  /** An option of an existing volume set to {@code after}. */
  public static Change option(String field, Value before, String after) {
    return new Change(field, before, Value.of(after));
  }

  /** A CN list from what the volume holds, in its order, to what it must hold. */
  public static Change cns(String field, List<String> before, List<String> after) {
    return new Change(field, new Value.Cns(before), new Value.Cns(after));
  }

  public static Change added(String field, String after) {
    return new Change(field, Value.absent(), Value.of(after));
  }

  public static Change removed(String field, String before) {
    return new Change(field, Value.of(before), Value.absent());
  }
}
