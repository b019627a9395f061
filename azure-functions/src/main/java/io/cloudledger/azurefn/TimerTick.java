package io.cloudledger.azurefn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The occurrence a timer invocation stands for. The host passes the schedule status as it was
 * before this run, whose {@code ScheduleStatus.Next} is this occurrence (also for a past-due run
 * after downtime); using it rather than the clock gives a re-run of the same occurrence the same
 * request id. Without a status (no schedule monitor) or with an implausible one, the clock's now.
 */
final class TimerTick {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tick may fire slightly early; later than this, {@code Next} is not this occurrence. */
  private static final Duration EARLY = Duration.ofMinutes(1);

  private TimerTick() {}

  static Instant of(String timerInfo, Clock clock) {
    Instant now = clock.instant();
    try {
      JsonNode next =
          timerInfo == null ? null : JSON.readTree(timerInfo).at("/ScheduleStatus/Next");
      if (next != null && next.isTextual()) {
        Instant scheduled = OffsetDateTime.parse(next.asText()).toInstant();
        return scheduled.isAfter(now.plus(EARLY)) ? now : scheduled;
      }
    } catch (JsonProcessingException | DateTimeParseException e) {
      // An unreadable status is no reason to skip the sync: fall back to the clock.
    }
    return now;
  }
}
