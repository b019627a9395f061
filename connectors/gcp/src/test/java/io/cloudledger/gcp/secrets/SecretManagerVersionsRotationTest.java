package io.cloudledger.gcp.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationConflictException;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationStep;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.gcp.session.GcpClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The core rotation over {@link SecretManagerVersions} through the real client against the
 * sandbox's Secret Manager: crashes after each step then a re-run, a second token refused, and the
 * store's readers seeing the old value until {@code finish}, with a random password and with a
 * service-account key.
 */
class SecretManagerVersionsRotationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "rotation-1001";
  private static final AtomicInteger IDS = new AtomicInteger();
  private static SandboxSecrets sandbox;
  private static SecretManagerServiceClient client;
  private static GcpSecretManagerStore store;
  private static SecretManagerVersions versions;

  @BeforeAll
  static void start() {
    sandbox = new SandboxSecrets();
    client = sandbox.client();
    store = sandbox.store(sandbox.project(0), "");
    versions = new SecretManagerVersions(client, sandbox.project(0));
  }

  @AfterAll
  static void stop() {
    store.close();
    client.close();
    sandbox.close();
  }

  private static String seed(SecretValue value) {
    String name = "rotated-" + IDS.incrementAndGet();
    store.set(name, value);
    return name;
  }

  private static void runUpTo(RotationTarget target, String secret, RotationStep last) {
    Rotation rotation = new Rotation(versions, target); // a fresh one per run, as after a crash
    for (RotationStep step : RotationStep.values()) {
      rotation.step(step, secret, TOKEN);
      if (step == last) {
        return;
      }
    }
  }

  private static Map<String, List<String>> stages(String secret) {
    Map<String, List<String>> out = new TreeMap<>();
    for (SecretVersion v : versions.versions(secret).versions()) {
      out.put(v.versionId(), v.stages().stream().sorted().toList());
    }
    return out;
  }

  private static SecretValue atStage(String secret, String stage) {
    SecretVersion version = versions.versions(secret).withStage(stage).orElseThrow();
    return versions.value(secret, version.versionId()).orElseThrow();
  }

  private static String latest(String secret) {
    return client
        .accessSecretVersion(SecretVersionName.of(sandbox.project(0), secret, "latest"))
        .getPayload()
        .getData()
        .toStringUtf8();
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void randomPassword_crashAfterStep_rerun_leavesOneCurrentNewValue_oldPrevious_noPending(
      RotationStep crashAfter) {
    SecretValue old = SecretValue.of("old-password-value");
    String secret = seed(old);
    RotationTarget target = RandomPasswordTarget.withDefaults();

    runUpTo(target, secret, crashAfter);
    if (crashAfter != RotationStep.FINISH) {
      assertThat(store.get(secret)).as("readers before finish").contains(old);
    }
    runUpTo(target, secret, RotationStep.FINISH);

    assertThat(stages(secret))
        .isEqualTo(
            Map.of(TOKEN, List.of(SecretVersions.CURRENT), "1", List.of(SecretVersions.PREVIOUS)));
    SecretValue current = atStage(secret, SecretVersions.CURRENT);
    assertThat(current).isNotEqualTo(old);
    assertThat(store.get(secret)).contains(current);
    assertThat(atStage(secret, SecretVersions.PREVIOUS)).isEqualTo(old);
    assertThat(
            client
                .getSecret(SecretName.of(sandbox.project(0), secret))
                .getVersionAliasesMap()
                .keySet())
        .containsExactlyInAnyOrder("current", "previous");
  }

  @Test
  void pendingValue_isLatest_butStoreReadersSeeTheOldValueUntilFinish() {
    SecretValue old = SecretValue.of("old-password-value");
    String secret = seed(old);
    Rotation rotation = new Rotation(versions, RandomPasswordTarget.withDefaults());

    rotation.create(secret, TOKEN);
    rotation.set(secret, TOKEN);
    rotation.test(secret, TOKEN);

    SecretValue pending = atStage(secret, SecretVersions.PENDING);
    assertThat(latest(secret)).as("Secret Manager's latest").isEqualTo(pending.reveal());
    assertThat(store.get(secret)).contains(old);

    rotation.finish(secret, TOKEN);
    assertThat(store.get(secret)).contains(pending);
  }

  @Test
  void aDisabledCurrentVersion_failsTheRead_insteadOfFallingBackToThePendingLatest() {
    String secret = seed(SecretValue.of("old-password-value"));
    new Rotation(versions, RandomPasswordTarget.withDefaults()).create(secret, TOKEN);
    SecretValue pending = atStage(secret, SecretVersions.PENDING);

    client.disableSecretVersion(SecretVersionName.of(sandbox.project(0), secret, "1"));

    assertThatThrownBy(() -> store.get(secret))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("400")
        .message()
        .doesNotContain(pending.reveal());
  }

  @Test
  void putPending_again_isANoOpWithTheSameValue_andRefusedWithAnother() {
    String secret = seed(SecretValue.of("old-password-value"));
    versions.putPending(secret, TOKEN, SecretValue.of("next-value"));

    versions.putPending(secret, TOKEN, SecretValue.of("next-value"));
    assertThatThrownBy(() -> versions.putPending(secret, TOKEN, SecretValue.of("other-value")))
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("already exists with another value")
        .message()
        .doesNotContain("other-value", "next-value");

    assertThat(stages(secret))
        .isEqualTo(
            Map.of(TOKEN, List.of(SecretVersions.PENDING), "1", List.of(SecretVersions.CURRENT)));
    assertThat(client.listSecretVersions(SecretName.of(sandbox.project(0), secret)).iterateAll())
        .hasSize(2);
  }

  @Test
  void aSecondTokenWhileOneIsPending_isRefused_andChangesNothing() {
    String secret = seed(SecretValue.of("old-password-value"));
    Rotation rotation = new Rotation(versions, RandomPasswordTarget.withDefaults());
    rotation.create(secret, TOKEN);
    Map<String, List<String>> before = stages(secret);

    assertThatThrownBy(() -> rotation.create(secret, "rotation-2002"))
        .isInstanceOf(RotationConflictException.class)
        .hasMessageContaining(TOKEN);
    assertThatThrownBy(() -> rotation.finish(secret, "rotation-2002"))
        .isInstanceOf(RotationConflictException.class);

    assertThat(stages(secret)).isEqualTo(before);
    assertThat(store.get(secret)).contains(SecretValue.of("old-password-value"));
  }

  @Test
  void aSecondRotation_movesPreviousOn_andDropsTheOldTokenAnnotation() {
    String secret = seed(SecretValue.of("old-password-value"));
    RotationTarget target = RandomPasswordTarget.withDefaults();
    new Rotation(versions, target).run(secret, TOKEN);
    SecretValue first = atStage(secret, SecretVersions.CURRENT);

    new Rotation(versions, target).run(secret, "rotation-3003");

    assertThat(stages(secret))
        .isEqualTo(
            Map.of(
                "rotation-3003",
                List.of(SecretVersions.CURRENT),
                TOKEN,
                List.of(SecretVersions.PREVIOUS)));
    assertThat(atStage(secret, SecretVersions.PREVIOUS)).isEqualTo(first);
    assertThat(
            client
                .getSecret(SecretName.of(sandbox.project(0), secret))
                .getAnnotationsMap()
                .keySet())
        .containsExactlyInAnyOrder(
            SecretManagerVersions.TOKEN_ANNOTATION_PREFIX + "2",
            SecretManagerVersions.TOKEN_ANNOTATION_PREFIX + "3");
  }

  @Test
  void storeSet_onARotatedSecret_movesCurrentSoReadersSeeTheWrite() {
    String secret = seed(SecretValue.of("old-password-value"));
    new Rotation(versions, RandomPasswordTarget.withDefaults()).run(secret, TOKEN);
    SecretValue rotated = atStage(secret, SecretVersions.CURRENT);

    store.set(secret, SecretValue.of("set-by-hand"));

    assertThat(store.get(secret)).contains(SecretValue.of("set-by-hand"));
    assertThat(stages(secret))
        .isEqualTo(
            Map.of("3", List.of(SecretVersions.CURRENT), TOKEN, List.of(SecretVersions.PREVIOUS)));
    assertThat(atStage(secret, SecretVersions.PREVIOUS)).isEqualTo(rotated);
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void serviceAccountKey_crashAfterStep_rerun_newKeyCurrentAndWorking_oldKeyPreviousAndRetired(
      RotationStep crashAfter) throws Exception {
    GcpServiceAccountKeyTarget target =
        new GcpServiceAccountKeyTarget(
            sandbox.sandbox.gcpEndpoint(),
            HttpClient.newHttpClient(),
            Clock.systemUTC(),
            Duration.ZERO);
    // A user-managed key made with the sandbox's built-in key: the one the secret holds at first.
    SecretValue oldKey =
        target.create(SecretValue.of(sandbox.sandbox.gcpServiceAccountKey()), Optional.empty());
    String secret = seed(oldKey);

    runUpTo(target, secret, crashAfter);
    if (crashAfter != RotationStep.FINISH) {
      assertThat(store.get(secret)).contains(oldKey);
      assertThat(token(oldKey)).as("the old key works until finish").isNotBlank();
    }
    runUpTo(target, secret, RotationStep.FINISH);

    assertThat(stages(secret))
        .isEqualTo(
            Map.of(TOKEN, List.of(SecretVersions.CURRENT), "1", List.of(SecretVersions.PREVIOUS)));
    SecretValue newKey = store.get(secret).orElseThrow();
    assertThat(keyId(newKey)).isNotEqualTo(keyId(oldKey));
    assertThat(token(newKey)).isNotBlank();
    assertThat(atStage(secret, SecretVersions.PREVIOUS)).isEqualTo(oldKey);
    assertThatThrownBy(() -> token(oldKey)).hasMessageContaining("invalid_grant");
  }

  private static String token(SecretValue key) throws IOException {
    return ServiceAccountCredentials.fromStream(
            new ByteArrayInputStream(key.reveal().getBytes(StandardCharsets.UTF_8)))
        .createScoped(GcpClients.CLOUD_PLATFORM)
        .refreshAccessToken()
        .getTokenValue();
  }

  private static String keyId(SecretValue key) throws IOException {
    return JSON.readTree(key.reveal()).path("private_key_id").asText();
  }
}
