package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.keystore.KdfParameters;
import io.cloudledger.core.secrets.keystore.LocalKeystore;
import io.cloudledger.core.secrets.vault.VaultAuth;
import io.cloudledger.core.secrets.vault.VaultStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes to a failing primary go to its configured backup store, with a warning naming both, and
 * only when configured. The failing store is real: a Vault store whose address nothing listens on.
 */
class SecretsManagerBackupTest {
  private static final SecretValue VALUE = SecretValue.of("backup-me-Zq81-value");

  @TempDir Path dir;
  VaultStore down;
  LocalKeystore keystore;

  @BeforeEach
  void stores() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    down =
        new VaultStore(
            "vault_primary",
            10,
            URI.create("http://127.0.0.1:" + port),
            "secret",
            Optional.empty(),
            "",
            new VaultAuth.Token(SecretValue.of("hvs.sandbox-token")),
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
    keystore =
        LocalKeystore.builder(dir.resolve("keystore.clks"))
            .password("password".toCharArray())
            .kdfParameters(KdfParameters.argon2id(256, 1, 1))
            .build();
  }

  @Test
  void set_onAFailingPrimaryWithABackup_writesTheBackup_andWarnsNamingBothWithoutTheValue() {
    SecretsManager manager =
        new SecretsManager(List.of(down, keystore), Map.of("vault_primary", "keystore-user"));

    String written;
    try (LogCapture log = LogCapture.of(SecretsManager.class)) {
      written = manager.set("db_password", VALUE);

      assertThat(log.all())
          .contains("secret store 'vault_primary' failed while writing secret 'db_password'")
          .contains("writing it to backup store 'keystore-user'")
          .doesNotContain(VALUE.reveal());
    }
    assertThat(written).isEqualTo("keystore-user");
    assertThat(keystore.get("db_password")).contains(VALUE);
    // Reads skip the failed primary and find the backup's copy.
    assertThat(manager.get("db_password")).contains(VALUE);
  }

  @Test
  void set_onAFailingPrimaryWithoutABackup_fails_andWritesNothingElsewhere() {
    SecretsManager manager = new SecretsManager(List.of(down, keystore));

    assertThatThrownBy(() -> manager.set("db_password", VALUE))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("vault_primary")
        .message()
        .doesNotContain(VALUE.reveal());
    assertThat(keystore.list()).isEmpty();
  }

  @Test
  void createRandom_failsOverToo_andReturnsTheBackupsValue() {
    SecretsManager manager =
        new SecretsManager(List.of(down, keystore), Map.of("vault_primary", "keystore-user"));

    SecretValue created =
        manager.createRandom("api_token", 24, RandomSecrets.ALPHANUMERIC, "vault_primary");

    assertThat(keystore.get("api_token")).contains(created);
  }

  @Test
  void aFailingBackup_failsNamingBothStores() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    VaultStore alsoDown =
        new VaultStore(
            "vault_backup",
            20,
            URI.create("http://127.0.0.1:" + port),
            "secret",
            Optional.empty(),
            "",
            new VaultAuth.Token(SecretValue.of("hvs.sandbox-token")),
            HttpClient.newHttpClient());
    SecretsManager manager =
        new SecretsManager(List.of(down, alsoDown), Map.of("vault_primary", "vault_backup"));

    assertThatThrownBy(() -> manager.set("db_password", VALUE))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("failed in store 'vault_primary'")
        .hasMessageContaining("in its backup store 'vault_backup'")
        .message()
        .doesNotContain(VALUE.reveal());
  }

  @Test
  void aReadOnlyTarget_isRefused_notFailedOver() {
    EnvironmentSecretStore env = new EnvironmentSecretStore(Map.of());
    SecretsManager manager =
        new SecretsManager(List.of(env, keystore), Map.of(env.name(), "keystore-user"));

    assertThatThrownBy(() -> manager.set("db_password", VALUE, env.name()))
        .isInstanceOf(ReadOnlySecretStoreException.class);
    assertThat(keystore.list()).isEmpty();
  }

  @Test
  void backups_areValidated_unknownSelfAndReadOnly() {
    EnvironmentSecretStore env = new EnvironmentSecretStore(Map.of());

    assertThatThrownBy(
            () -> new SecretsManager(List.of(down, keystore), Map.of("vault_primary", "nope")))
        .isInstanceOf(UnknownSecretStoreException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                new SecretsManager(
                    List.of(down, keystore), Map.of("vault_primary", "vault_primary")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be its own backup");
    assertThatThrownBy(
            () -> new SecretsManager(List.of(down, env), Map.of("vault_primary", env.name())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read-only");
  }
}
