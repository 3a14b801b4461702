package io.glustershares.cli;

import io.glustershares.model.DesiredState;
import io.glustershares.render.Provenance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Provenance of the documents a command writes. */
final class Provenances {

  private Provenances() {}

  static Provenance of(Context context, DesiredState desired) {
    return new Provenance(
        desired.source(),
        desired.digest(),
        VersionProvider.version(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now(context));
  }

  static String now(Context context) {
    return Instant.now(context.environment.clock()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
