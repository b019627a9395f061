package io.cloudledger.gcp.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import io.cloudledger.gcp.session.GcpClients;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the contract does not cover: metadata, GCP's id rules, failures, the client's wiring. */
class GcpSecretManagerStoreTest {
  private static final SecretValue VALUE = SecretValue.of("s3cr3t-Value-QpZ7");
  private static SandboxSecrets sandbox;
  private static GcpSecretManagerStore store;

  @BeforeAll
  static void start() {
    sandbox = new SandboxSecrets();
    store = sandbox.store(sandbox.project(0), "meta-");
  }

  @AfterAll
  static void stop() {
    store.close();
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.sandbox.faults().replace(FaultPlan.none());
  }

  @Test
  void metadata_reportsCreateTime_latestVersionAndItsTime_noExpiry() {
    Instant before = Instant.now().minusSeconds(1);
    store.set("described", VALUE);
    store.set("described", SecretValue.of("second-version-value"));

    SecretMetadata metadata = store.metadata("described").orElseThrow();

    assertThat(metadata.name()).isEqualTo("described");
    assertThat(metadata.created()).hasValueSatisfying(t -> assertThat(t).isAfter(before));
    assertThat(metadata.version()).contains("2");
    assertThat(metadata.updated().orElseThrow()).isAfterOrEqualTo(metadata.created().orElseThrow());
    assertThat(metadata.tags()).isEmpty();
    assertThat(metadata.expires()).isEmpty();
    assertThat(metadata.toString()).doesNotContain(VALUE.reveal());
    assertThat(store.metadata("never-set")).isEmpty();
  }

  @Test
  void secretId_isPrefixPlusName_andNamesGcpCannotHoldAreRefusedWithoutEchoingThem() {
    assertThat(store.secretId("db_password-1")).isEqualTo("meta-db_password-1");

    assertThatThrownBy(() -> store.set("team/db.password", VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits, '_' and '-'")
        .message()
        .doesNotContain("team/db.password", VALUE.reveal());
    assertThatThrownBy(() -> sandbox.store(sandbox.project(0), "bad/prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
  }

  @Test
  void list_showsOnlyThisPrefix() {
    try (GcpSecretManagerStore other = sandbox.store(sandbox.project(0), "other-")) {
      other.set("foreign", VALUE);
      store.set("mine", VALUE);

      assertThat(store.list()).contains("mine").doesNotContain("foreign", "other-foreign");
      assertThat(other.list()).containsExactly("foreign");
    }
  }

  @Test
  void injectedDenial_isAStoreFailureNamingStatusAndSecret_neverTheValue() {
    store.set("guarded", VALUE);
    sandbox.sandbox.faults().replace(FaultPlan.parse("secretmanager.versions.access:deny"));

    assertThatThrownBy(() -> store.get("guarded"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("'guarded'")
        .hasMessageContaining("403 PERMISSION_DENIED")
        .message()
        .doesNotContain(VALUE.reveal());
  }

  @Test
  void throttling_isRetriedByTheClient() {
    store.set("throttled", VALUE);
    sandbox
        .sandbox
        .faults()
        .replace(FaultPlan.parse("secretmanager.versions.access:throttle=first2"));

    assertThat(store.get("throttled")).contains(VALUE);
  }

  @Test
  void disabledLatestVersion_isAFailure_notAMissingSecret() throws Exception {
    store.set("disabled", VALUE);
    try (var client =
        GcpSecretManagerClients.create(
            GcpClients.credentials(
                (io.cloudledger.core.config.GcpSession)
                    sandbox
                        .config(sandbox.project(0), "")
                        .sessions(io.cloudledger.core.config.SessionType.GCP)
                        .getFirst(),
                sandbox.resolver()),
            Optional.of(sandbox.sandbox.gcpEndpoint()))) {
      client.disableSecretVersion(
          SecretVersionName.of(sandbox.project(0), store.secretId("disabled"), "1"));
    }

    assertThatThrownBy(() -> store.get("disabled"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("400");
  }

  @Test
  void unreachableEndpoint_failsWithinSeconds_andHealthIsDown() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    try (GcpSecretManagerStore down =
        new GcpSecretManagerStore(
            "gcp_down",
            120,
            sandbox.project(0),
            "",
            GcpSecretManagerClients.create(
                GcpClients.credentials(
                    (io.cloudledger.core.config.GcpSession)
                        sandbox
                            .config(sandbox.project(0), "")
                            .sessions(io.cloudledger.core.config.SessionType.GCP)
                            .getFirst(),
                    sandbox.resolver()),
                Optional.of(URI.create("http://127.0.0.1:" + port))))) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> down.get("anything"))
          .isInstanceOf(SecretStoreException.class)
          .hasMessageContaining("gcp_down")
          .hasMessageContaining("no answer (ConnectException)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThatThrownBy(() -> down.set("anything", VALUE))
          .isInstanceOf(SecretStoreException.class)
          .message()
          .doesNotContain(VALUE.reveal());
      StoreHealth health = down.health();
      assertThat(health.healthy()).isFalse();
      assertThat(health.detail()).contains("not reachable");
    }
  }

  @Test
  void health_namesProjectAndPrefix() {
    assertThat(store.health())
        .isEqualTo(
            StoreHealth.up(
                "gcp_secrets",
                "Secret Manager answers for project " + sandbox.project(0) + ", prefix meta-"));
  }

  @Test
  void labelsAndExpiry_setOutsideCloudledger_appearInMetadata() throws Exception {
    store.set("labelled", VALUE);
    Instant expiry = Instant.now().plusSeconds(3_600);
    try (var client =
        GcpSecretManagerClients.create(
            GcpClients.credentials(
                (io.cloudledger.core.config.GcpSession)
                    sandbox
                        .config(sandbox.project(0), "")
                        .sessions(io.cloudledger.core.config.SessionType.GCP)
                        .getFirst(),
                sandbox.resolver()),
            Optional.of(sandbox.sandbox.gcpEndpoint()))) {
      client.updateSecret(
          com.google.cloud.secretmanager.v1.Secret.newBuilder()
              .setName(
                  com.google.cloud.secretmanager.v1.SecretName.of(
                          sandbox.project(0), store.secretId("labelled"))
                      .toString())
              .putLabels("owner", "ledger")
              .setExpireTime(
                  com.google.protobuf.Timestamp.newBuilder().setSeconds(expiry.getEpochSecond()))
              .build(),
          com.google.protobuf.FieldMask.newBuilder()
              .addPaths("labels")
              .addPaths("expire_time")
              .build());
    }

    SecretMetadata metadata = store.metadata("labelled").orElseThrow();

    assertThat(metadata.tags()).isEqualTo(Map.of("owner", "ledger"));
    assertThat(metadata.expires()).contains(Instant.ofEpochSecond(expiry.getEpochSecond()));
  }
}
