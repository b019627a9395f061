package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets sync} from the environment store into the user keystore. */
class SecretsSyncCommandTest {
  static final String VALUE = "synced-value-from-env-31";

  @TempDir Path home;

  CliRunner cli() {
    return new CliRunner(home)
        .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
        .env("CLOUDLEDGER_SECRET_API_TOKEN", VALUE);
  }

  @Test
  void dryRunByDefault_thenApply_copiesWithoutPrintingValues() {
    CliRunner.Result plan = cli().run("secrets", "sync", "--from", "env", "--to", "keystore-user");

    assertThat(plan.exitCode()).as(plan.stderr()).isZero();
    assertThat(plan.stdout()).contains("api_token").contains("create");
    assertThat(plan.stderr()).contains("dry run");
    assertThat(cli().run("secrets", "get", "api_token", "--store", "keystore-user").exitCode())
        .isNotZero();

    CliRunner.Result applied =
        cli().run("secrets", "sync", "--from", "env", "--to", "keystore-user", "--apply");

    assertThat(applied.exitCode()).as(applied.stderr()).isZero();
    CliRunner.Result get = cli().run("secrets", "get", "api_token", "--store", "keystore-user");
    assertThat(get.stdout()).contains(VALUE);
    assertThat(plan.all() + applied.all()).doesNotContain(VALUE);
  }

  @Test
  void applyToTheReadOnlyEnvironment_isRefused() {
    CliRunner.Result result =
        cli().run("secrets", "sync", "--from", "keystore-user", "--to", "env", "--apply");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("read-only");
  }
}
