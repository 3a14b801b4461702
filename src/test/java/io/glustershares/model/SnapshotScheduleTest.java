package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

  private static Instant at(String t) {
    return Instant.parse(t);
  }

  @Test
  void dailyPeriodsStartAtTheirTimeAndAreNamedByTheirDay() {
    SnapshotSchedule daily = new SnapshotSchedule(SnapshotSchedule.Every.DAILY, 2, 0, 7);
    assertThat(daily.current(at("2026-12-02T01:59:59Z"))).isEqualTo("daily-2026-12-01");
    assertThat(daily.current(at("2026-12-02T02:00:00Z"))).isEqualTo("daily-2026-12-02");
    assertThat(daily.current(at("2027-01-01T00:30:00Z"))).isEqualTo("daily-2026-12-31");
  }

  @Test
  void hourlyUsesTheMinutesAndWeeklyStartsOnMonday() {
    SnapshotSchedule hourly = new SnapshotSchedule(SnapshotSchedule.Every.HOURLY, 0, 15, 24);
    assertThat(hourly.current(at("2026-12-01T03:14:00Z"))).isEqualTo("hourly-2026-12-01T02");
    assertThat(hourly.current(at("2026-12-01T03:15:00Z"))).isEqualTo("hourly-2026-12-01T03");
    SnapshotSchedule weekly = new SnapshotSchedule(SnapshotSchedule.Every.WEEKLY, 2, 0, 4);
    // 2026-12-07 is a Monday, of ISO week 50; the Sunday before is in week 49.
    assertThat(weekly.current(at("2026-12-07T01:00:00Z"))).isEqualTo("weekly-2026-W49");
    assertThat(weekly.current(at("2026-12-07T02:00:00Z"))).isEqualTo("weekly-2026-W50");
    assertThat(weekly.current(at("2027-01-04T02:00:00Z"))).isEqualTo("weekly-2027-W01");
  }

  @Test
  void namesAreReadBackAsTheirPeriodsWhateverTheKind() {
    assertThat(SnapshotSchedule.period("daily-2026-12-01"))
        .contains(LocalDateTime.parse("2026-12-01T00:00"));
    assertThat(SnapshotSchedule.period("hourly-2026-12-01T05"))
        .contains(LocalDateTime.parse("2026-12-01T05:00"));
    assertThat(SnapshotSchedule.period("weekly-2026-W50"))
        .contains(LocalDateTime.parse("2026-12-07T00:00"));
    assertThat(SnapshotSchedule.period("daily-2026-02-30")).isEmpty();
    assertThat(SnapshotSchedule.period("before-migration")).isEmpty();
  }
}
