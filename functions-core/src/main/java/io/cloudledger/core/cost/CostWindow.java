package io.cloudledger.core.cost;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A range of whole UTC days, {@code start} inclusive and {@code end} exclusive (as Cost Explorer's
 * {@code TimePeriod} has it).
 */
public record CostWindow(LocalDate start, LocalDate end) {

  public CostWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "a cost window needs start before end, got " + start + " to " + end);
    }
  }

  /** The {@code days} days up to and including today (UTC on {@code clock}). */
  public static CostWindow lastDays(Clock clock, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
    return new CostWindow(tomorrow.minusDays(days), tomorrow);
  }

  public long days() {
    return ChronoUnit.DAYS.between(start, end);
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && date.isBefore(end);
  }
}
