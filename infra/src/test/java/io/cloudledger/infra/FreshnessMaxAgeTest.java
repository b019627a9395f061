package io.cloudledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessMaxAgeTest {
  @Test
  void freshnessMaxAge_isThreeIntervalsOfARate_andThreeHoursForACron() {
    assertThat(SyncStack.freshnessMaxAgeMinutes("rate(10 minutes)")).isEqualTo(30);
    assertThat(SyncStack.freshnessMaxAgeMinutes("rate(1 hour)")).isEqualTo(180);
    assertThat(SyncStack.freshnessMaxAgeMinutes("rate(1 day)")).isEqualTo(4320);
    assertThat(SyncStack.freshnessMaxAgeMinutes("cron(0 6 * * ? *)")).isEqualTo(180);
  }
}
