package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.dispatch.SyncKind;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

  @Test
  void from_withOnlyTheConfig_usesTheDefaults() {
    LambdaSettings settings = LambdaSettings.from(Map.of("CLOUDLEDGER_CONFIG", "/var/task/c.yaml"));

    assertThat(settings.inlineConfig()).isFalse();
    assertThat(settings.tablePrefix()).isEqualTo("cloudledger-");
    assertThat(settings.region()).isEqualTo("us-east-1");
    assertThat(settings.requireIamAuth()).isTrue();
    assertThat(settings.workerTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.scheduleKinds()).containsExactly(SyncKind.INVENTORY);
    assertThat(settings.dynamoDbEndpointUri()).isEmpty();
    assertThatThrownBy(settings::requireQueueUrl).hasMessageContaining("CLOUDLEDGER_QUEUE_URL");
  }

  @Test
  void from_readsEveryVariable() {
    LambdaSettings settings =
        LambdaSettings.from(
            Map.of(
                "CLOUDLEDGER_CONFIG", "cloud_sessions: []\n",
                "CLOUDLEDGER_TABLE_PREFIX", "prod-",
                "CLOUDLEDGER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/1/sync-aws",
                "AWS_REGION", "eu-west-1",
                "CLOUDLEDGER_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "CLOUDLEDGER_REQUIRE_IAM_AUTH", "false",
                "CLOUDLEDGER_WORKER_TIMEOUT_SECONDS", "300",
                "CLOUDLEDGER_SCHEDULE_KINDS", "inventory"));

    assertThat(settings.inlineConfig()).isTrue();
    assertThat(settings.tablePrefix()).isEqualTo("prod-");
    assertThat(settings.requireQueueUrl()).endsWith("/sync-aws");
    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.dynamoDbEndpointUri()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(settings.requireIamAuth()).isFalse();
    assertThat(settings.workerTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.scheduleKinds()).isEqualTo(Set.of(SyncKind.INVENTORY));
  }

  @Test
  void from_withMissingOrBadValues_namesTheVariable() {
    assertThatThrownBy(() -> LambdaSettings.from(Map.of()))
        .hasMessageContaining("CLOUDLEDGER_CONFIG");
    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of("CLOUDLEDGER_CONFIG", "x", "CLOUDLEDGER_WORKER_TIMEOUT_SECONDS", "15m")))
        .hasMessageContaining("CLOUDLEDGER_WORKER_TIMEOUT_SECONDS");
    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of("CLOUDLEDGER_CONFIG", "x", "CLOUDLEDGER_SCHEDULE_KINDS", "weather")))
        .hasMessageContaining("CLOUDLEDGER_SCHEDULE_KINDS")
        .hasMessageContaining("weather");
  }
}
