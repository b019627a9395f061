package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets} with a {@code store_type: azure} cloud store: the Key Vault store signs in with
 * its Azure session's service principal (secret from the environment) against the sandbox.
 */
class AzureKeyVaultStoreCommandTest {
  private static final String VALUE = "kv-held-value-4242";

  @TempDir Path home;
  Sandbox sandbox;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    String base = sandbox.endpoints().base().toString();
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        """
        cloud_sessions:
          - name: azure_main
            session_type: azure
            tenant_id: %s
            client_id: %s
            client_secret: ENV/AZURE_SP_SECRET
            endpoint_url: %s
            authority_host: %s
        secrets_manager:
          cloud_stores:
            kv: { store_type: azure, session_name: azure_main, priority: 140, vault_url: "%s", prefix: cloudledger- }
        """
            .formatted(
                sandbox.azurePrincipal().tenantId(),
                sandbox.azurePrincipal().clientId(),
                base,
                base.replace("http://", "https://"),
                base));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  CliRunner cli() {
    return new CliRunner(home)
        .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
        .env("AZURE_SP_SECRET", sandbox.azurePrincipal().clientSecret());
  }

  @Test
  void setGetListHealth_throughTheKeyVaultStore() {
    CliRunner.Result set =
        cli()
            .stdin(VALUE + "\n")
            .run("secrets", "set", "db_password", "--value-stdin", "--store", "kv");
    assertThat(set.exitCode()).as(set.stderr()).isZero();
    assertThat(set.all()).doesNotContain(VALUE);

    CliRunner.Result get = cli().run("secrets", "get", "db_password");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).contains(VALUE);

    CliRunner.Result list = cli().run("secrets", "list");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout()).contains("db_password").contains("kv").doesNotContain(VALUE);

    CliRunner.Result health = cli().run("secrets", "health");
    assertThat(health.exitCode()).as(health.all()).isZero();
    assertThat(health.stdout())
        .contains("kv")
        .contains("Key Vault")
        .contains("prefix cloudledger-");
    assertThat(health.all())
        .doesNotContain(VALUE)
        .doesNotContain(sandbox.azurePrincipal().clientSecret());
  }

  @Test
  void wrongServicePrincipalSecret_makesTheStoreUnhealthy_withoutPrintingEitherSecret() {
    CliRunner.Result health =
        new CliRunner(home)
            .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
            .env("AZURE_SP_SECRET", "not-the-right-secret-31")
            .run("secrets", "health");

    assertThat(health.exitCode()).isNotZero();
    assertThat(health.stdout()).contains("kv").contains("no");
    assertThat(health.all())
        .doesNotContain("not-the-right-secret-31")
        .doesNotContain(sandbox.azurePrincipal().clientSecret());
  }
}
