package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.health.AccountFreshness;
import io.cloudledger.core.health.FreshnessReport;
import io.cloudledger.core.model.AccountKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshnessMetricsTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void emf_declaresTheMetricsInTheCloudledgerNamespace_andCountsOverdueAccounts() throws Exception {
    FreshnessReport report =
        new FreshnessReport(
            NOW,
            Duration.ofMinutes(30),
            List.of(
                new AccountFreshness(
                    AccountKey.parse("aws#111111111111"), NOW.minusSeconds(60), NOW, 3, false),
                new AccountFreshness(
                    AccountKey.parse("aws#222222222222"), NOW.minusSeconds(7200), NOW, 3, false),
                new AccountFreshness(AccountKey.parse("aws#333333333333"), null, null, 0, false),
                new AccountFreshness(
                    AccountKey.parse("aws#444444444444"),
                    NOW.minusSeconds(99_999),
                    null,
                    2,
                    true)));

    JsonNode emf = new ObjectMapper().readTree(FreshnessMetrics.emf(report));

    JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("cloudledger");
    assertThat(directive.path("Metrics").findValuesAsText("Name"))
        .containsExactly("AccountsNotSynced", "OldestCompleteSyncAgeSeconds", "StaleAccounts");
    assertThat(emf.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(emf.path("AccountsNotSynced").asInt()).isEqualTo(2);
    assertThat(emf.path("OldestCompleteSyncAgeSeconds").asLong()).isEqualTo(7200);
    assertThat(emf.path("StaleAccounts").asInt()).isEqualTo(1);
    assertThat(emf.path("accountsNotSynced").toString())
        .isEqualTo("[\"aws#222222222222\",\"aws#333333333333\"]");
  }

  @Test
  void maxAge_defaultsToThreeHours_andRejectsNonsense() {
    assertThat(FreshnessMetrics.maxAge(Map.of())).isEqualTo(Duration.ofHours(3));
    assertThat(FreshnessMetrics.maxAge(Map.of(FreshnessMetrics.MAX_AGE_MINUTES, "45")))
        .isEqualTo(Duration.ofMinutes(45));
    assertThatThrownBy(() -> FreshnessMetrics.maxAge(Map.of(FreshnessMetrics.MAX_AGE_MINUTES, "0")))
        .hasMessageContaining(FreshnessMetrics.MAX_AGE_MINUTES);
  }
}
