package io.glustershares.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --now INSTANT}: the instant a command plans, audits or validates for, instead of the
 * clock's. Expiries and snapshot schedules are judged at it, and plans record it.
 */
final class NowOption {

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description =
          "Judge expiries and schedules at this instant instead of the current time: an RFC 3339"
              + " time (2027-02-01T00:00:00Z) or a date (its start, UTC). For tests, golden cases"
              + " and reviews.")
  Optional<String> now = Optional.empty();

  /** Fixes the context's instant when {@code --now} was given; refuses a value that is no time. */
  void applyTo(Context context) {
    if (now.isPresent()) {
      context.fixNow(parse(now.get()));
    }
  }

  static Instant parse(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new UserError(
          ExitCode.INVALID,
          "--now '"
              + text
              + "' is not a time; valid: an RFC 3339 time such as 2027-02-01T00:00:00Z, or a"
              + " date YYYY-MM-DD");
    }
  }
}
