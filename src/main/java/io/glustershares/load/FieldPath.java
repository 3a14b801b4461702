package io.glustershares.load;

import io.glustershares.model.Printable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A place in the document: a list of mapping keys (String) and sequence indexes (Integer). Printed
 * the way users read it: {@code shares[2].access[0].cn}.
 */
public record FieldPath(List<Object> elements) {

  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = Collections.unmodifiableList(new ArrayList<>(elements));
  }

  public static FieldPath of(Object... elements) {
    return new FieldPath(List.of(elements));
  }

  public FieldPath key(String key) {
    List<Object> next = new ArrayList<>(elements);
    next.add(key);
    return new FieldPath(next);
  }

  public FieldPath index(int index) {
    List<Object> next = new ArrayList<>(elements);
    next.add(index);
    return new FieldPath(next);
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object e : elements) {
      if (e instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        // Keys come from the file: an unknown one may be of any length or hold any character.
        sb.append(e instanceof String key ? Printable.value(key) : e);
      }
    }
    return sb.toString();
  }
}
