package io.glustershares.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When an access grant ends: a date (the grant lasts to the end of that day, UTC) or an RFC 3339
 * instant.
 *
 * @param end the first instant at which the grant no longer holds
 * @param written the value as the file writes it, for messages ("expired on 2027-01-31")
 */
public record Expiry(Instant end, String written) {

  /** The expiry a file's value means, or empty when it is neither a date nor an RFC 3339 time. */
  public static Optional<Expiry> parse(String text) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return Optional.of(
            new Expiry(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), text));
      }
      // RFC 3339 allows a space or a lower-case t between date and time.
      String iso = text.length() > 10 ? text.substring(0, 10) + 'T' + text.substring(11) : text;
      return Optional.of(new Expiry(OffsetDateTime.parse(iso.replace('z', 'Z')).toInstant(), text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether the grant no longer holds at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(end);
  }
}
