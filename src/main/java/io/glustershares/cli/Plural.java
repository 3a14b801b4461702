package io.glustershares.cli;

/** "1 share", "3 shares". */
final class Plural {
  private Plural() {}

  static String of(long count, String singular) {
    return count + " " + (count == 1 ? singular : singular + "s");
  }

  static String of(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
