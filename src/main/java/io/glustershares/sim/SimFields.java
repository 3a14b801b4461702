package io.glustershares.sim;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of the values of a simulator pool file, each refusal naming the file and the field
 * ({@code volumes[2].replica must be a whole number}).
 */
final class SimFields {

  private SimFields() {}

  static Map<?, ?> map(String file, String at, Object node) {
    if (node instanceof Map<?, ?> m) {
      return m;
    }
    throw new SimException("simulator file " + file + ": " + at + " must be a mapping");
  }

  static List<?> list(String file, String at, Object node) {
    if (node instanceof List<?> l) {
      return l;
    }
    throw new SimException("simulator file " + file + ": " + at + " must be a list");
  }

  static String string(String file, String at, Object node, String fallback) {
    if (node == null) {
      return fallback;
    }
    if (node instanceof Map || node instanceof List) {
      throw new SimException("simulator file " + file + ": " + at + " must be a plain value");
    }
    return String.valueOf(node);
  }

  static boolean bool(String file, String at, Object node, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    if (node instanceof Boolean b) {
      return b;
    }
    throw new SimException("simulator file " + file + ": " + at + " must be true or false");
  }

  static int integer(String file, String at, Object node, int fallback) {
    if (node == null) {
      return fallback;
    }
    if (node instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(node));
    } catch (NumberFormatException e) {
      throw new SimException("simulator file " + file + ": " + at + " must be a whole number");
    }
  }
}
