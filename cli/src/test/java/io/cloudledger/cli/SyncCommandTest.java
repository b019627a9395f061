package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage and failure paths of {@code sync}: one clear line and the contract's exit code. */
class SyncCommandTest {
  @TempDir Path home;

  @Test
  void unknownKind_isAUsageError() {
    CliRunner.Result result = new CliRunner(home).run("sync", "--sandbox", "--kinds", "secrets");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("secrets");
  }

  @Test
  void csvOutput_isAUsageErrorNamingTheFormatsSyncPrints() {
    CliRunner.Result result = new CliRunner(home).run("sync", "--sandbox", "--output", "csv");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("sync prints table or json, not csv");
  }

  @Test
  void malformedAccountKey_isAUsageError() {
    CliRunner.Result result = new CliRunner(home).run("sync", "--sandbox", "--account", "aws#1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("aws#1");
  }

  @Test
  void missingConfig_isAUsageError() {
    CliRunner.Result result = new CliRunner(home).run("sync");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("no configuration file");
  }

  @Test
  void unreachableEndpoint_failsThatAccountWithOneClearLineAndExitOne() throws Exception {
    Path config = home.resolve("cloudledger.yaml");
    Files.writeString(
        config,
        """
        cloud_sessions:
          - name: nowhere
            session_type: aws
            access_key_id: ENV/TEST_KEY
            secret_access_key: ENV/TEST_SECRET
            role_arn: arn:aws:iam::123456789012:role/reader
            regions: [us-east-1]
            endpoint_url: http://127.0.0.1:9
        inventory:
          store: memory
        """);

    CliRunner.Result result =
        new CliRunner(home)
            .env("TEST_KEY", "AKIAEXAMPLE")
            .env("TEST_SECRET", "do-not-print-this-secret")
            .run("sync", "--config", config.toString(), "--output", "json");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.stdout()).contains("aws#123456789012").contains("failures");
    assertThat(result.all()).doesNotContain("do-not-print-this-secret").doesNotContain("\tat ");
  }

  @Test
  void accountNotInConfig_isAUsageError() throws Exception {
    Path config = home.resolve("cloudledger.yaml");
    Files.writeString(
        config,
        "cloud_sessions:\n  - name: a\n    session_type: aws\n"
            + "    role_arn: arn:aws:iam::123456789012:role/r\ninventory:\n  store: memory\n");

    CliRunner.Result result =
        new CliRunner(home)
            .run("sync", "--config", config.toString(), "--account", "aws#999999999999");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("aws#999999999999");
  }
}
