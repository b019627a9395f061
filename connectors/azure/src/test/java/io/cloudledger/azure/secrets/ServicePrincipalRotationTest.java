package io.cloudledger.azure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationConflictException;
import io.cloudledger.core.rotation.RotationStep;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.sandbox.azure.AzureDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rotating an app registration's client secret, held in Key Vault, through the real SecretClient,
 * Graph over azure-core and ClientSecretCredential against the sandbox: a crash after each step, a
 * competing token, the old secret's lifetime (it gets tokens until finish plus the grace period,
 * then Entra ID refuses it) and readers that never see a pending value.
 */
class ServicePrincipalRotationTest {
  static final String SECRET = "app/sp-secret";
  static final String TOKEN = "aaaaaaaa-0000-4000-8000-000000000001";
  static final String OTHER_TOKEN = "bbbbbbbb-0000-4000-8000-000000000002";

  SandboxKeyVault azure;
  AzureKeyVaultStore store;
  String vaultName;
  AzureDirectory.NewApplication app;
  ServicePrincipalSecret initial;
  GraphApplications graph;
  TestClock clock = new TestClock();
  List<String> reported = new ArrayList<>();

  @BeforeEach
  void start() {
    azure = new SandboxKeyVault();
    store = AzureKeyVaultStore.create("kv", 120, "", azure.vaultUrl(), azure.clients);
    vaultName = store.vaultName(SECRET);
    app = azure.sandbox.azureDirectory().register("app-rotated");
    initial =
        new ServicePrincipalSecret(
            azure.sandbox.azurePrincipal().tenantId(),
            app.application().appId(),
            SecretValue.of(app.password().secretText()),
            app.password().credential().keyId());
    store.set(SECRET, initial.toSecretValue());
    graph = GraphApplications.create(azure.clients, azure.sandbox.endpoints().base());
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  private Rotation rotation(Duration grace) {
    ServicePrincipalSecretTarget target =
        new ServicePrincipalSecretTarget(
            graph,
            ServicePrincipalSecretTarget.tokenProbe(azure.clients),
            clock,
            new ServicePrincipalSecretTarget.Settings(
                grace, Duration.ofDays(180), 1, Duration.ZERO));
    return new Rotation(store.versions(), target);
  }

  private void runUpTo(Duration grace, RotationStep last) {
    Rotation rotation = rotation(grace);
    for (RotationStep step : RotationStep.values()) {
      reported.add(rotation.step(step, vaultName, TOKEN).detail());
      if (step == last) {
        return;
      }
    }
  }

  private Map<String, java.util.Set<String>> stages() {
    return store.versions().versions(vaultName).versions().stream()
        .collect(Collectors.toMap(SecretVersion::versionId, SecretVersion::stages));
  }

  private ServicePrincipalSecret atStage(String stage) {
    SecretVersions versions = store.versions().versions(vaultName);
    String id = versions.withStage(stage).orElseThrow().versionId();
    return ServicePrincipalSecret.parse(store.versions().value(vaultName, id).orElseThrow());
  }

  private boolean getsToken(ServicePrincipalSecret secret) {
    try {
      ServicePrincipalSecretTarget.tokenProbe(azure.clients).requestToken(secret);
      return true;
    } catch (RuntimeException e) {
      assertThat(e.getMessage())
          .contains("AADSTS7000215")
          .doesNotContain(secret.clientSecret().reveal());
      return false;
    }
  }

  private List<String> passwordKeyIds() {
    return graph.passwords(app.application().appId()).stream()
        .map(GraphApplications.Password::keyId)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void crashAfterStep_rerunFromStart_newSecretCurrent_oldPrevious_noPending(
      RotationStep crashAfter) {
    String oldVersion =
        store
            .versions()
            .versions(vaultName)
            .withStage(SecretVersions.CURRENT)
            .orElseThrow()
            .versionId();
    runUpTo(Duration.ZERO, crashAfter);
    if (crashAfter != RotationStep.FINISH) {
      assertThat(getsToken(initial)).as("old secret works until finish").isTrue();
      assertThat(store.get(SECRET))
          .as("readers see the old value until finish")
          .contains(initial.toSecretValue());
    }

    runUpTo(Duration.ZERO, RotationStep.FINISH); // a new Rotation from scratch, same token

    assertThat(stages())
        .isEqualTo(
            Map.of(
                TOKEN,
                java.util.Set.of("AWSCURRENT"),
                oldVersion,
                java.util.Set.of("AWSPREVIOUS")));
    ServicePrincipalSecret current = atStage(SecretVersions.CURRENT);
    assertThat(current.keyId()).isNotEqualTo(initial.keyId());
    assertThat(current.clientId()).isEqualTo(initial.clientId());
    assertThat(atStage(SecretVersions.PREVIOUS)).isEqualTo(initial);
    assertThat(store.get(SECRET)).contains(current.toSecretValue());
    assertThat(getsToken(current)).isTrue();
    assertThat(getsToken(initial)).as("old secret removed after finish (no grace)").isFalse();
    assertThat(passwordKeyIds()).containsExactly(current.keyId());
    assertThat(String.join("\n", reported))
        .doesNotContain(current.clientSecret().reveal())
        .doesNotContain(initial.clientSecret().reveal());
  }

  @Test
  void oldSecretGetsTokensDuringTheGracePeriod_thenFinishRerunRemovesIt() {
    runUpTo(Duration.ofHours(1), RotationStep.FINISH);
    ServicePrincipalSecret current = atStage(SecretVersions.CURRENT);

    assertThat(getsToken(initial)).as("old secret within grace").isTrue();
    assertThat(getsToken(current)).isTrue();
    assertThat(reported.getLast()).contains("kept until");

    clock.advance(Duration.ofHours(2));
    String detail = rotation(Duration.ofHours(1)).finish(vaultName, TOKEN).detail();

    assertThat(detail).contains("removed old secret " + initial.keyId());
    assertThat(getsToken(initial)).as("old secret after grace").isFalse();
    assertThat(getsToken(current)).isTrue();
    assertThat(stages()).doesNotContainValue(java.util.Set.of("AWSPENDING"));
  }

  @Test
  void nextRotationsCreate_afterTheGracePeriod_removesThePreviousSecret_currentKeepsWorking() {
    runUpTo(Duration.ofHours(1), RotationStep.FINISH);
    ServicePrincipalSecret first = atStage(SecretVersions.CURRENT);
    assertThat(getsToken(initial)).as("within grace").isTrue();

    clock.advance(Duration.ofHours(2));
    rotation(Duration.ofHours(1)).create(vaultName, OTHER_TOKEN);

    assertThat(getsToken(initial)).as("previous secret retired by the next create").isFalse();
    assertThat(getsToken(first)).as("current secret until the next finish").isTrue();
    assertThat(passwordKeyIds())
        .containsExactlyInAnyOrder(first.keyId(), atStage(SecretVersions.PENDING).keyId());
  }

  @Test
  void createThatCrashedAfterAddPassword_leavesAnOrphanThatTheRerunRemoves() {
    // Added by a create that crashed before its value reached Key Vault.
    azure
        .sandbox
        .azureDirectory()
        .addPassword(
            app.application().objectId(),
            ServicePrincipalSecretTarget.DISPLAY_NAME_PREFIX + "crashed",
            Optional.empty());
    assertThat(passwordKeyIds()).hasSize(2);

    runUpTo(Duration.ZERO, RotationStep.FINISH);

    assertThat(passwordKeyIds()).containsExactly(atStage(SecretVersions.CURRENT).keyId());
  }

  @Test
  void passwordsNotMadeByTheTarget_areNeverRemovedByCreate() {
    AzureDirectory.NewPassword other =
        azure
            .sandbox
            .azureDirectory()
            .addPassword(app.application().objectId(), "used-by-another-service", Optional.empty())
            .orElseThrow();

    runUpTo(Duration.ZERO, RotationStep.FINISH);

    assertThat(passwordKeyIds())
        .containsExactlyInAnyOrder(
            other.credential().keyId(), atStage(SecretVersions.CURRENT).keyId());
  }

  @Test
  void secondRotationWithAnotherToken_whilePending_isRefusedAndLeavesStateAlone() {
    runUpTo(Duration.ZERO, RotationStep.SET);
    Map<String, java.util.Set<String>> before = stages();

    assertThatThrownBy(() -> rotation(Duration.ZERO).create(vaultName, OTHER_TOKEN))
        .isInstanceOf(RotationConflictException.class)
        .hasMessageContaining(TOKEN);
    assertThatThrownBy(() -> rotation(Duration.ZERO).finish(vaultName, OTHER_TOKEN))
        .isInstanceOf(RotationConflictException.class);
    assertThat(stages()).isEqualTo(before);
    assertThat(store.get(SECRET)).contains(initial.toSecretValue());
  }

  @Test
  void testStep_withARemovedPendingPassword_failsWithoutTheSecret() {
    runUpTo(Duration.ZERO, RotationStep.CREATE);
    ServicePrincipalSecret pending = atStage(SecretVersions.PENDING);
    graph.removePassword(pending.clientId(), pending.keyId());

    assertThatThrownBy(() -> rotation(Duration.ZERO).test(vaultName, TOKEN))
        .hasMessageContaining("AADSTS7000215")
        .hasMessageContaining(pending.keyId())
        .message()
        .doesNotContain(pending.clientSecret().reveal());
  }

  /** The system clock, moved forward by hand (the sandbox stamps versions in real time). */
  static final class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration duration) {
      offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
