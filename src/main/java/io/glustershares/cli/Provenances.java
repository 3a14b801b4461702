package io.glustershares.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time stamp of the documents a command writes. */
final class Provenances {

  private Provenances() {}

  static String now(Context context) {
    return Instant.now(context.environment.clock()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
