package io.glustershares.model;

/** "1 share", "3 shares": counts in messages read as English, whatever the count. */
public final class Plural {
  private Plural() {}

  public static String of(long count, String singular) {
    return count + " " + (count == 1 ? singular : singular + "s");
  }

  public static String of(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
