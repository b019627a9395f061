package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.vault.VaultRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets} with a {@code store_type: vault} cloud store, against the sandbox's Vault. */
class VaultStoreCommandTest {
  @TempDir Path home;
  Sandbox sandbox;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        """
        secrets_manager:
          cloud_stores:
            vault: { store_type: vault, priority: 150, address: "%s", prefix: cloudledger/ }
        """
            .formatted(sandbox.endpoints().base()));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  CliRunner cli() {
    return new CliRunner(home).env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password");
  }

  @Test
  void setGetListHealth_throughTheVaultStore_tokenFromVaultTokenVariable() {
    CliRunner.Result set =
        cli()
            .env("VAULT_TOKEN", VaultRoute.ROOT_TOKEN)
            .stdin("vault-held-value-99\n")
            .run("secrets", "set", "db_password", "--value-stdin", "--store", "vault");
    assertThat(set.exitCode()).as(set.stderr()).isZero();
    assertThat(set.all()).doesNotContain("vault-held-value-99");

    CliRunner.Result get =
        cli().env("VAULT_TOKEN", VaultRoute.ROOT_TOKEN).run("secrets", "get", "db_password");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).contains("vault-held-value-99");

    CliRunner.Result health =
        cli().env("VAULT_TOKEN", VaultRoute.ROOT_TOKEN).run("secrets", "health");
    assertThat(health.all()).contains("vault");
  }

  @Test
  void withoutToken_theVaultStoreIsSkippedWithAWarning_localStoresStillWork() {
    CliRunner.Result list = cli().run("secrets", "list");

    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stderr()).contains("secret store 'vault' skipped").contains("VAULT_TOKEN");
  }
}
