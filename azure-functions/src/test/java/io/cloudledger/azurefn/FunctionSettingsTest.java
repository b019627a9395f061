package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.dispatch.SyncKind;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {
  private static final String STORAGE =
      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWtleQ==;";

  @Test
  void from_withOnlyTheRequiredSettings_usesTheDefaults() {
    FunctionSettings settings =
        FunctionSettings.from(
            Map.of(
                "CLOUDLEDGER_CONFIG",
                "/home/site/cloudledger.yaml",
                "AzureWebJobsStorage",
                STORAGE));

    assertThat(settings.queueName()).isEqualTo("cloudledger-sync");
    assertThat(settings.tablePrefix()).isEqualTo("cloudledger-");
    assertThat(settings.workerTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.scheduleKinds()).isEqualTo(Set.of(SyncKind.INVENTORY));
    assertThat(settings.requireEntraAuth()).isFalse();
    assertThat(settings.inlineConfig()).isFalse();
  }

  @Test
  void from_withoutConfigOrStorage_namesTheMissingSetting() {
    assertThatThrownBy(() -> FunctionSettings.from(Map.of("AzureWebJobsStorage", STORAGE)))
        .hasMessageContaining("CLOUDLEDGER_CONFIG is not set");
    assertThatThrownBy(() -> FunctionSettings.from(Map.of("CLOUDLEDGER_CONFIG", "x.yaml")))
        .hasMessageContaining("AzureWebJobsStorage is not set");
  }

  @Test
  void from_withABadTimeoutOrKind_namesTheSetting() {
    assertThatThrownBy(
            () ->
                FunctionSettings.from(
                    Map.of(
                        "CLOUDLEDGER_CONFIG", "x.yaml",
                        "AzureWebJobsStorage", STORAGE,
                        "CLOUDLEDGER_WORKER_TIMEOUT_SECONDS", "ten")))
        .hasMessageContaining("CLOUDLEDGER_WORKER_TIMEOUT_SECONDS must be a number of seconds");
    assertThatThrownBy(
            () ->
                FunctionSettings.from(
                    Map.of(
                        "CLOUDLEDGER_CONFIG", "x.yaml",
                        "AzureWebJobsStorage", STORAGE,
                        "CLOUDLEDGER_SCHEDULE_KINDS", "inventory,nothing")))
        .hasMessageContaining("CLOUDLEDGER_SCHEDULE_KINDS");
  }

  @Test
  void toString_neverShowsTheStorageAccountKey() {
    FunctionSettings settings =
        FunctionSettings.from(
            Map.of("CLOUDLEDGER_CONFIG", "x.yaml", "AzureWebJobsStorage", STORAGE));

    assertThat(settings.toString()).doesNotContain("c2VjcmV0LWtleQ").doesNotContain("AccountKey");
  }
}
