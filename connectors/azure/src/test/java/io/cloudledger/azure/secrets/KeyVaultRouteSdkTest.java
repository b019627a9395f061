package io.cloudledger.azure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.rest.PagedResponse;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.cloudledger.azure.session.HttpsToHttpPolicy;
import io.cloudledger.sandbox.azure.KeyVaultRoute;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sandbox's Key Vault route through the real {@code SecretClient} (azure-security-keyvault-
 * secrets 4.10.2) signed in by the real {@code ClientSecretCredential}: the challenge, versions,
 * properties, paging, soft delete with the SDK's delete poller, purge and recover, error mapping.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyVaultRouteSdkTest {
  private static SandboxKeyVault azure;
  private static SecretClient client;

  @BeforeAll
  static void start() {
    azure = new SandboxKeyVault();
    client = client(true);
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static SecretClient client(boolean disableVerification) {
    SecretClientBuilder builder =
        new SecretClientBuilder()
            .vaultUrl(azure.vaultUrl().toString().replace("http://", "https://"))
            .credential(azure.clients.credential())
            .httpClient(azure.clients.httpClient())
            .addPolicy(new HttpsToHttpPolicy(azure.vaultUrl()));
    if (disableVerification) {
      builder.disableChallengeResourceVerification();
    }
    return builder.buildClient();
  }

  @Test
  @Order(1) // the SDK caches a host's challenge JVM-wide: only the first request sees it
  void firstRequest_isChallenged_thenSentWithATokenForTheVaultResource() {
    long tokensBefore = azure.sandbox.counters().calls("OAuth2_Token");

    KeyVaultSecret set = client.setSecret("sdk-challenge", "v");

    assertThat(set.getProperties().getName()).isEqualTo("sdk-challenge");
    assertThat(set.getValue()).isEqualTo("v");
    assertThat(azure.sandbox.counters().calls(KeyVaultRoute.CHALLENGE)).isEqualTo(1);
    assertThat(azure.sandbox.counters().calls("OAuth2_Token")).isGreaterThan(tokensBefore);
    assertThat(client.getSecret("sdk-challenge").getValue()).isEqualTo("v");
    assertThat(azure.sandbox.counters().calls(KeyVaultRoute.CHALLENGE)).isEqualTo(1);
  }

  @Test
  void challengeResourceVerification_refusesTheSandboxHost_unlessDisabled() {
    // Key Vault's real resource (vault.azure.net) is not a parent domain of a local host, so the
    // SDK's check must be off against the sandbox (AzureKeyVaultStore turns it off outside Key
    // Vault's domains). The SDK caches challenges per host and port, JVM-wide: a sandbox of its
    // own gives this client a port no other client has seen, so it meets the challenge itself.
    try (SandboxKeyVault fresh = new SandboxKeyVault()) {
      SecretClient verifying =
          new SecretClientBuilder()
              .vaultUrl(fresh.vaultUrl().toString().replace("http://", "https://"))
              .credential(fresh.clients.credential())
              .httpClient(fresh.clients.httpClient())
              .addPolicy(new HttpsToHttpPolicy(fresh.vaultUrl()))
              // The refusal is an exception the retry policy would otherwise retry three times.
              .retryPolicy(new RetryPolicy(new FixedDelay(0, Duration.ZERO)))
              .buildClient();

      assertThatThrownBy(() -> verifying.getSecret("sdk-anything"))
          .hasMessageContaining("does not match the requested domain");
    }
  }

  @Test
  void versions_propertiesAndTags_roundTrip() {
    KeyVaultSecret first = client.setSecret("sdk-versions", "one");
    KeyVaultSecret second =
        client.setSecret(
            new KeyVaultSecret("sdk-versions", "two")
                .setProperties(
                    new SecretProperties()
                        .setContentType("text/plain")
                        .setTags(Map.of("owner", "team-a"))
                        .setExpiresOn(OffsetDateTime.of(2031, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))));

    assertThat(client.getSecret("sdk-versions").getValue()).isEqualTo("two");
    assertThat(client.getSecret("sdk-versions", first.getProperties().getVersion()).getValue())
        .isEqualTo("one");
    SecretProperties properties = client.getSecret("sdk-versions").getProperties();
    assertThat(properties.getVersion()).isEqualTo(second.getProperties().getVersion());
    assertThat(properties.getTags()).containsEntry("owner", "team-a");
    assertThat(properties.getContentType()).isEqualTo("text/plain");
    assertThat(properties.getExpiresOn())
        .isEqualTo(OffsetDateTime.of(2031, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
    assertThat(properties.getCreatedOn()).isNotNull();
    assertThat(
            client.listPropertiesOfSecretVersions("sdk-versions").stream()
                .map(SecretProperties::getVersion))
        .containsExactly(first.getProperties().getVersion(), second.getProperties().getVersion());
  }

  @Test
  void updateSecretProperties_disablesAVersion_whichThenCannotBeRead() {
    KeyVaultSecret secret = client.setSecret("sdk-disabled", "x");

    client.updateSecretProperties(secret.getProperties().setEnabled(false));

    assertThatThrownBy(() -> client.getSecret("sdk-disabled"))
        .isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("SecretDisabled");
  }

  @Test
  void listPropertiesOfSecrets_followsNextLinkAcrossPages() {
    IntStream.range(0, 30).forEach(i -> client.setSecret("sdk-page-" + i, "p"));

    List<String> names =
        client.listPropertiesOfSecrets().stream()
            .map(SecretProperties::getName)
            .filter(n -> n.startsWith("sdk-page-"))
            .toList();
    List<PagedResponse<SecretProperties>> pages =
        client.listPropertiesOfSecrets().streamByPage().toList();

    assertThat(names).hasSize(30);
    assertThat(pages.size()).isGreaterThan(1);
    assertThat(pages.getFirst().getValue()).hasSize(25);
  }

  @Test
  void beginDeleteSecret_completes_thenTheNameIsBlockedUntilPurged() {
    client.setSecret("sdk-delete", "old");

    var poller = client.beginDeleteSecret("sdk-delete");
    poller.setPollInterval(Duration.ofMillis(50));
    DeletedSecret deleted = poller.waitForCompletion().getValue();

    assertThat(deleted.getRecoveryId()).endsWith("/deletedsecrets/sdk-delete");
    assertThat(deleted.getScheduledPurgeDate()).isAfter(deleted.getDeletedOn());
    assertThatThrownBy(() -> client.getSecret("sdk-delete"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("SecretNotFound");
    assertThat(client.getDeletedSecret("sdk-delete").getName()).isEqualTo("sdk-delete");
    assertThat(client.listDeletedSecrets().stream().map(DeletedSecret::getName))
        .contains("sdk-delete");
    assertThatThrownBy(() -> client.setSecret("sdk-delete", "new"))
        .isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("ObjectIsDeletedButRecoverable");

    client.purgeDeletedSecret("sdk-delete");

    assertThat(client.setSecret("sdk-delete", "new").getValue()).isEqualTo("new");
  }

  @Test
  void recoverDeletedSecret_bringsBackItsVersions() {
    client.setSecret("sdk-recover", "kept");
    client
        .beginDeleteSecret("sdk-recover")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion();

    client
        .beginRecoverDeletedSecret("sdk-recover")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion();

    assertThat(client.getSecret("sdk-recover").getValue()).isEqualTo("kept");
  }

  @Test
  void unknownSecret_isResourceNotFound_withKeyVaultsErrorCode() {
    assertThatThrownBy(() -> client.getSecret("sdk-never-set"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("SecretNotFound");
  }
}
