package io.glustershares.model;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshots on a schedule: one per period, named from the period, the last {@code keep} kept.
 * Periods start at {@code at} (UTC): every day, every hour at its minute, or every Monday. Names
 * sort as their periods do: {@code hourly-2026-12-01T02}, {@code daily-2026-12-01}, {@code
 * weekly-2026-W49}.
 *
 * @param hour for daily and weekly: the hour the period starts (hourly ignores it)
 * @param minute the minute the period starts
 */
public record SnapshotSchedule(Every every, int hour, int minute, int keep) {

  public enum Every {
    HOURLY,
    DAILY,
    WEEKLY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern NAME =
      Pattern.compile(
          "(?:hourly-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})|daily-(\\d{4}-\\d{2}-\\d{2})|weekly-(\\d{4})-W(\\d{2}))");

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  /** The start of the period {@code now} falls in. */
  public Instant periodStart(Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    ZonedDateTime start =
        switch (every) {
          case HOURLY -> t.truncatedTo(ChronoUnit.HOURS).withMinute(minute);
          case DAILY -> t.truncatedTo(ChronoUnit.DAYS).withHour(hour).withMinute(minute);
          case WEEKLY ->
              t.truncatedTo(ChronoUnit.DAYS)
                  .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                  .withHour(hour)
                  .withMinute(minute);
        };
    if (start.isAfter(t)) {
      start =
          switch (every) {
            case HOURLY -> start.minusHours(1);
            case DAILY -> start.minusDays(1);
            case WEEKLY -> start.minusWeeks(1);
          };
    }
    return start.toInstant();
  }

  /** The snapshot name of the period starting at {@code start}. */
  public String name(Instant start) {
    ZonedDateTime t = start.atZone(ZoneOffset.UTC);
    return switch (every) {
      case HOURLY -> String.format(Locale.ROOT, "hourly-%sT%02d", DAY.format(t), t.getHour());
      case DAILY -> "daily-" + DAY.format(t);
      case WEEKLY ->
          String.format(
              Locale.ROOT,
              "weekly-%04d-W%02d",
              t.get(IsoFields.WEEK_BASED_YEAR),
              t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    };
  }

  /** The name of the period {@code now} falls in: the snapshot that should exist now. */
  public String current(Instant now) {
    return name(periodStart(now));
  }

  /**
   * The day (or hour) a schedule's name stands for, for ordering; empty for a name no schedule
   * makes. Names of every kind count, so that changing {@code every} retires the old kind.
   */
  public static Optional<LocalDateTime> period(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      if (m.group(1) != null) {
        return Optional.of(LocalDate.parse(m.group(1)).atTime(Integer.parseInt(m.group(2)), 0));
      }
      if (m.group(3) != null) {
        return Optional.of(LocalDate.parse(m.group(3)).atStartOfDay());
      }
      LocalDate monday =
          LocalDate.of(Integer.parseInt(m.group(4)), 1, 4)
              .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(5)))
              .with(DayOfWeek.MONDAY);
      return Optional.of(monday.atStartOfDay());
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
