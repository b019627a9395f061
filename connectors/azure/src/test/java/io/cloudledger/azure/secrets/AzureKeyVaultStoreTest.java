package io.cloudledger.azure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.cloudledger.azure.session.HttpsToHttpPolicy;
import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link AzureKeyVaultStore} adds beyond the store contract: metadata from Key Vault's
 * properties, escaped names in the vault, soft-deleted names recovered, health and failures that
 * name the store but never a value.
 */
class AzureKeyVaultStoreTest {
  private static SandboxKeyVault azure;
  private static SecretClient raw;

  @BeforeAll
  static void start() {
    azure = new SandboxKeyVault();
    raw =
        new SecretClientBuilder()
            .vaultUrl(azure.vaultUrl().toString().replace("http://", "https://"))
            .credential(azure.clients.credential())
            .httpClient(azure.clients.httpClient())
            .addPolicy(new HttpsToHttpPolicy(azure.vaultUrl()))
            .disableChallengeResourceVerification()
            .buildClient();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static AzureKeyVaultStore store(String prefix) {
    return AzureKeyVaultStore.create("azure_kv", 120, prefix, azure.vaultUrl(), azure.clients);
  }

  @Test
  void set_storesUnderTheEscapedPrefixedName() {
    store("meta1-").set("db_password", SecretValue.of("s3cret-value-1"));

    assertThat(raw.getSecret("meta1-db-0password").getValue()).isEqualTo("s3cret-value-1");
  }

  @Test
  void metadata_reportsTimesVersionTagsAndExpiry() {
    AzureKeyVaultStore store = store("meta2-");
    store.set("api_key", SecretValue.of("first-value-9"));
    OffsetDateTime expiry = OffsetDateTime.of(2030, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    KeyVaultSecret tagged =
        raw.setSecret(
            new KeyVaultSecret("meta2-api-0key", "second-value-9")
                .setProperties(
                    new SecretProperties().setTags(Map.of("env", "prod")).setExpiresOn(expiry)));

    SecretMetadata metadata = store.metadata("api_key").orElseThrow();

    assertThat(metadata.name()).isEqualTo("api_key");
    assertThat(metadata.version()).contains(tagged.getProperties().getVersion());
    assertThat(metadata.tags()).containsEntry("env", "prod");
    assertThat(metadata.expires()).contains(expiry.toInstant());
    assertThat(metadata.created()).isPresent();
    assertThat(metadata.updated()).isPresent();
    assertThat(metadata.toString()).doesNotContain("second-value-9");
    assertThat(store.metadata("never_set")).isEmpty();
  }

  @Test
  void set_afterADeleteThatCouldNotPurge_recoversTheNameAndWritesTheNewValue() {
    AzureKeyVaultStore store = store("meta3-");
    store.set("token", SecretValue.of("old-value-3"));
    // Deleted but not purged, as with purge protection on.
    raw.beginDeleteSecret("meta3-token").waitForCompletion();

    store.set("token", SecretValue.of("new-value-3"));

    assertThat(store.get("token")).contains(SecretValue.of("new-value-3"));
  }

  @Test
  void list_leavesOutNamesItCannotAddress() {
    AzureKeyVaultStore store = store("meta4-");
    store.set("ok", SecretValue.of("v-4"));
    raw.setSecret("meta4-SetByAnotherTool", "x");

    assertThat(store.list()).containsExactly("ok");
  }

  @Test
  void unreachableVault_isUnhealthy_andReadsFailNamingStoreAndSecretButNoValue() {
    AzureKeyVaultStore store =
        AzureKeyVaultStore.create(
            "azure_down", 120, "", URI.create("http://127.0.0.1:1"), azure.clients);

    StoreHealth health = store.health();
    assertThat(health.healthy()).isFalse();
    assertThat(health.detail()).contains("127.0.0.1:1");
    assertThatThrownBy(() -> store.set("some_name", SecretValue.of("never-shown-77")))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("some_name")
        .hasMessageContaining("azure_down")
        .message()
        .doesNotContain("never-shown-77");
  }
}
