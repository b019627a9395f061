package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimerTickTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-23T17:00:03Z"), ZoneOffset.UTC);

  @Test
  void of_takesTheOccurrenceFromTheScheduleStatus() {
    assertThat(TimerTick.of(SyncFunctionsTest.timerInfo(), NOW))
        .isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
  }

  @Test
  void of_aPastDueRun_keepsTheMissedOccurrence() {
    String pastDue =
        "{\"ScheduleStatus\":{\"Last\":\"2026-11-23T12:00:00+00:00\","
            + "\"Next\":\"2026-11-23T12:10:00+00:00\"},\"IsPastDue\":true}";

    assertThat(TimerTick.of(pastDue, NOW)).isEqualTo(Instant.parse("2026-11-23T12:10:00Z"));
  }

  @Test
  void of_withoutAStatusOrWithAFutureOne_usesTheClock() {
    assertThat(TimerTick.of("{\"IsPastDue\":false}", NOW)).isEqualTo(NOW.instant());
    assertThat(TimerTick.of("not json", NOW)).isEqualTo(NOW.instant());
    assertThat(TimerTick.of(null, NOW)).isEqualTo(NOW.instant());
    String later = "{\"ScheduleStatus\":{\"Next\":\"2026-11-23T17:10:00+00:00\"}}";
    assertThat(TimerTick.of(later, NOW)).isEqualTo(NOW.instant());
  }
}
