package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkerDeadlineTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void fifteenMinutesLeft_keepsThreeMinutesForTheRunningScopes() {
    assertThat(WorkerDeadline.of(NOW, Duration.ofMinutes(15).toMillis()))
        .isEqualTo(NOW.plus(Duration.ofMinutes(12)));
  }

  @Test
  void aMinuteLeft_keepsAThird() {
    assertThat(WorkerDeadline.of(NOW, 60_000)).isEqualTo(NOW.plusSeconds(40));
  }

  @Test
  void littleTimeLeft_keepsAtLeastTenSeconds_soTheDeadlineMayAlreadyBePast() {
    assertThat(WorkerDeadline.of(NOW, 6_000)).isEqualTo(NOW.minusSeconds(4));
  }
}
