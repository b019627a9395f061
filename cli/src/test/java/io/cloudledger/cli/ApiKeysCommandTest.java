package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code apikeys}: the key is printed once by create and never again. */
class ApiKeysCommandTest {

  @Test
  void create_printsTheKeyOnce_listNeverShowsIt_revokeMarksIt() throws Exception {
    Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "apikeys-home");
    CliRunner cli = new CliRunner(home);

    CliRunner.Result created =
        cli.run(
            "apikeys",
            "create",
            "--name",
            "ci",
            "--scopes",
            "sync:trigger,sync:read",
            "--expires",
            "90d");

    assertThat(created.exitCode()).as(created.stderr()).isEqualTo(ExitCodes.OK);
    String key = created.stdout().strip();
    assertThat(key).matches("cl_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
    assertThat(created.stderr()).contains("'ci'").doesNotContain(key);

    CliRunner.Result listed = cli.run("apikeys", "list", "--output", "json");
    assertThat(listed.exitCode()).as(listed.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(listed.stdout())
        .contains("\"ci\"", "sync:trigger,sync:read")
        .doesNotContain(key)
        .doesNotContain(key.substring(17, 33));

    assertThat(cli.run("apikeys", "revoke", "ci").exitCode()).isEqualTo(ExitCodes.OK);
    CliRunner.Result after = cli.run("apikeys", "list", "--output", "csv");
    assertThat(after.stdout()).doesNotContain(key).matches("(?s).*ci,.*,20\\d\\d-.*Z\\s*");

    CliRunner.Result again = cli.run("apikeys", "revoke", "ci");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.stderr()).contains("no active API key named 'ci'");
  }

  @Test
  void create_withAnUnknownScope_isAUsageErrorNamingTheValidOnes() throws Exception {
    Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "apikeys-home");

    CliRunner.Result result =
        new CliRunner(home).run("apikeys", "create", "--name", "x", "--scopes", "sync:all");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("unknown scope 'sync:all'", "sync:trigger", "sync:read");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void serve_withAZeroRateLimit_isAUsageError() {
    CliRunner.Result result =
        new CliRunner(Path.of("target", "serve-home")).run("serve", "--rate-limit", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("--rate-limit");
  }
}
