package io.cloudledger.core.config;

import static io.cloudledger.core.config.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.secrets.EnvironmentSecretStore;
import io.cloudledger.core.secrets.keystore.LocalKeystore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code backup:} per cloud store and {@code secrets_manager.backup_store}, strictly checked. */
class BackupStoreConfigTest {
  private static final String SESSIONS =
      """
      cloud_sessions:
        - name: gcp_main
          session_type: gcp
          project_ids: [my-project-1]
      """;

  private static SecretsManagerConfig load(String secretsManager) {
    return ConfigLoader.parse(SESSIONS + secretsManager, Fixtures.INLINE).secretsManager();
  }

  private static List<String> messages(String secretsManager) {
    return errors(SESSIONS + secretsManager).stream()
        .map(p -> p.path() + ": " + p.message())
        .toList();
  }

  @Test
  void perStoreBackup_andGlobalBackupStore_mapEveryStoreToItsBackup() {
    SecretsManagerConfig config =
        load(
            """
            secrets_manager:
              backup_store: keystore-user
              cloud_stores:
                gcp_a: { store_type: gcp, session_name: gcp_main, project_id: my-project-1, backup: gcp_b }
                gcp_b: { store_type: gcp, session_name: gcp_main, project_id: my-project-1 }
            """);

    assertThat(config.backups())
        .isEqualTo(
            Map.of(
                "gcp_a", "gcp_b",
                "gcp_b", "keystore-user",
                "keystore-app", "keystore-user"));
  }

  @Test
  void withoutBackupKeys_noStoreHasABackup() {
    assertThat(
            load("""
                    secrets_manager:
                      cloud_stores:
                        gcp_a: { store_type: gcp, session_name: gcp_main, project_id: my-project-1 }
                    """)
                .backups())
        .isEmpty();
  }

  @Test
  void unknownBackup_isAnErrorListingTheStores() {
    assertThat(
            messages(
                """
                secrets_manager:
                  cloud_stores:
                    gcp_a: { store_type: gcp, session_name: gcp_main, project_id: my-project-1, backup: gcp_c }
                """))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .startsWith("secrets_manager.cloud_stores.gcp_a.backup: ")
                    .contains("unknown backup store 'gcp_c'")
                    .contains("keystore-user, keystore-app, gcp_a"));
  }

  @Test
  void ownBackup_readOnlyBackup_andDisabledBackup_areErrors() {
    assertThat(
            messages(
                """
                secrets_manager:
                  cloud_stores:
                    gcp_a: { store_type: gcp, session_name: gcp_main, project_id: my-project-1, backup: gcp_a }
                """))
        .singleElement()
        .asString()
        .contains("'gcp_a' cannot be its own backup store");
    assertThat(
            messages(
                """
                secrets_manager:
                  backup_store: env
                """))
        .singleElement()
        .asString()
        .contains("secrets_manager.backup_store")
        .contains("read-only");
    assertThat(
            messages(
                """
                secrets_manager:
                  app_keystore: { enabled: false }
                  backup_store: keystore-app
                """))
        .singleElement()
        .asString()
        .contains("disabled");
  }

  @Test
  void globalBackupStore_isNotItsOwnBackup() {
    assertThat(load("secrets_manager:\n  backup_store: keystore-app\n").backups())
        .isEqualTo(Map.of("keystore-user", "keystore-app"));
  }

  @Test
  void runTimeStoreNames_matchTheStores() {
    assertThat(SecretsManagerConfig.USER_KEYSTORE_STORE).isEqualTo(LocalKeystore.USER_STORE_NAME);
    assertThat(SecretsManagerConfig.APP_KEYSTORE_STORE).isEqualTo(LocalKeystore.APP_STORE_NAME);
    assertThat(SecretsManagerConfig.ENVIRONMENT_STORE)
        .isEqualTo(EnvironmentSecretStore.DEFAULT_NAME);
  }
}
