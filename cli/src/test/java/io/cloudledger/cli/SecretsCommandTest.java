package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets commands against real keystore files. Every test checks that the secret value appears
 * nowhere but in the output of {@code secrets get}.
 */
class SecretsCommandTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String VALUE = "v@lue-Only-Get-May-Print-42";

  @TempDir Path home;

  private CliRunner cli() {
    return new CliRunner(home).env("CLOUDLEDGER_KEYSTORE_PASSWORD", PASSWORD);
  }

  private void store(String name, String value) {
    CliRunner.Result result =
        cli().stdin(value + "\n").run("secrets", "set", name, "--value-stdin");
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void setThenGet_roundTripsThroughTheUserKeystore() {
    CliRunner.Result set =
        cli().stdin(VALUE + "\n").run("secrets", "set", "db_password", "--value-stdin");

    assertThat(set.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(set.stderr()).contains("stored secret 'db_password' in keystore-user");
    assertThat(set.all()).doesNotContain(VALUE);
    assertThat(home.resolve("keystore-user.clks")).exists();

    CliRunner.Result get = cli().run("secrets", "get", "db_password");
    assertThat(get.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(get.stdout()).isEqualTo(VALUE + System.lineSeparator());
    assertThat(get.stderr()).doesNotContain(VALUE);
  }

  @Test
  void set_withoutStdinFlagAndWithoutTerminal_isAUsageError() {
    CliRunner.Result result = new CliRunner(home).run("secrets", "set", "x");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("--value-stdin");
  }

  @Test
  void set_interactively_asksTwiceWithoutEcho() {
    CliRunner runner = cli().promptAnswers(VALUE);

    CliRunner.Result result = runner.run("secrets", "set", "typed");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(runner.questions).hasSize(2);
    assertThat(result.all()).doesNotContain(VALUE);
    assertThat(cli().run("secrets", "get", "typed").stdout()).contains(VALUE);
  }

  @Test
  void keystorePassword_isAskedAtTheTerminalWhenNotInTheEnvironment() {
    store("a", VALUE);
    CliRunner runner = new CliRunner(home).promptAnswers(PASSWORD);

    CliRunner.Result result = runner.run("secrets", "get", "a");

    assertThat(result.stdout()).contains(VALUE);
    assertThat(runner.questions).singleElement().asString().contains("keystore-user.clks");
  }

  @Test
  void get_withWrongPassword_failsClearlyWithoutTheValue() {
    store("a", VALUE);

    CliRunner.Result result =
        new CliRunner(home)
            .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "wrong")
            .run("secrets", "get", "a");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.stderr()).containsIgnoringCase("wrong password");
    assertThat(result.all()).doesNotContain(VALUE).doesNotContain("wrong\n");
  }

  @Test
  void get_withoutPasswordOrTerminal_saysHowToProvideOne() {
    store("a", VALUE);

    CliRunner.Result result = new CliRunner(home).run("secrets", "get", "a");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.stderr()).contains("CLOUDLEDGER_KEYSTORE_PASSWORD");
  }

  @Test
  void get_unknownSecret_exitsOneNamingTheStoresAsked() {
    CliRunner.Result result = cli().run("secrets", "get", "missing");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.stderr())
        .contains("secret 'missing' not found")
        .contains("env")
        .contains("keystore-user");
  }

  @Test
  void get_fromEnvironmentStore_overridesTheKeystore() {
    store("token", VALUE);

    CliRunner.Result result =
        cli().env("CLOUDLEDGER_SECRET_TOKEN", "from-env").run("secrets", "get", "token");

    assertThat(result.stdout()).isEqualTo("from-env" + System.lineSeparator());
  }

  @Test
  void list_showsNamesAndStoresButNoValues() throws Exception {
    store("alpha", VALUE);
    store("beta", VALUE + "-2");

    CliRunner.Result table = cli().run("secrets", "list");
    CliRunner.Result json = cli().run("secrets", "list", "--output", "json");

    assertThat(table.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(table.stdout()).contains("alpha").contains("beta").contains("keystore-user");
    JsonNode rows = TablePrinter.JSON.readTree(json.stdout());
    assertThat(rows).hasSize(2);
    assertThat(table.all() + json.all()).doesNotContain(VALUE);
  }

  @Test
  void delete_removesTheSecret() {
    store("gone", VALUE);

    CliRunner.Result delete = cli().run("secrets", "delete", "gone");

    assertThat(delete.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(cli().run("secrets", "get", "gone").exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(cli().run("secrets", "delete", "gone").exitCode()).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void createRandom_storesAValueOfTheRequestedLengthWithoutPrintingIt() {
    CliRunner.Result created =
        cli().run("secrets", "create-random", "api_key", "--length", "48", "--alphabet", "abc");

    assertThat(created.exitCode()).isEqualTo(ExitCodes.OK);
    String value = cli().run("secrets", "get", "api_key").stdout().strip();
    assertThat(value).hasSize(48).matches("[abc]+");
    assertThat(created.all()).doesNotContain(value);
  }

  @Test
  void createRandom_invalidLength_isAUsageError() {
    CliRunner.Result result = cli().run("secrets", "create-random", "k", "--length", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void set_toUnknownStore_isAUsageErrorListingTheStores() {
    CliRunner.Result result =
        cli().stdin(VALUE).run("secrets", "set", "x", "--value-stdin", "--store", "nope");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("nope").contains("keystore-user");
    assertThat(result.all()).doesNotContain(VALUE);
  }

  @Test
  void set_toReadOnlyEnvironmentStore_failsWithoutTheValue() {
    CliRunner.Result result =
        cli().stdin(VALUE).run("secrets", "set", "x", "--value-stdin", "--store", "env");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("read-only");
    assertThat(result.all()).doesNotContain(VALUE);
  }

  @Test
  void import_storesEveryKeyThenDeletesTheFile() throws Exception {
    Path file = home.resolve("secrets.yaml");
    Files.writeString(file, "one: " + VALUE + "\ntwo: '0123'\n");

    CliRunner.Result result = cli().run("secrets", "import", file.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(file).doesNotExist();
    assertThat(result.all()).doesNotContain(VALUE).contains("one").contains("two");
    assertThat(cli().run("secrets", "get", "two").stdout().strip()).isEqualTo("0123");
  }

  @Test
  void import_malformedFile_keepsItAndShowsNoValue() throws Exception {
    Path file = home.resolve("secrets.yaml");
    Files.writeString(file, "one: " + VALUE + "\nnested:\n  inner: " + VALUE + "\n");

    CliRunner.Result result = cli().run("secrets", "import", file.toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(file).exists();
    assertThat(result.all()).doesNotContain(VALUE);
  }

  @Test
  void health_reportsEveryStore() {
    store("a", VALUE);

    CliRunner.Result result = cli().run("secrets", "health", "--output", "csv");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).contains("env,yes").contains("keystore-user,yes");
  }

  @Test
  void configuredKeystorePath_isUsed() throws Exception {
    Path keystore = home.resolve("team.clks");
    Path config = home.resolve("cloudledger.yaml");
    Files.writeString(
        config,
        "cloud_sessions:\n  - name: a\n    session_type: aws\n"
            + "secrets_manager:\n  user_keystore: { path: "
            + keystore
            + " }\n");

    CliRunner.Result result =
        cli()
            .stdin(VALUE)
            .run("secrets", "set", "k", "--value-stdin", "--config", config.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(keystore).exists();
    assertThat(home.resolve("keystore-user.clks")).doesNotExist();
  }

  @Test
  void dropOneTrailingNewline_keepsInnerNewlines() {
    assertThat(SecretsCommand.Set.dropOneTrailingNewline("a\nb\n\n")).isEqualTo("a\nb\n");
    assertThat(SecretsCommand.Set.dropOneTrailingNewline("a\r\n")).isEqualTo("a");
    assertThat(SecretsCommand.Set.dropOneTrailingNewline("a")).isEqualTo("a");
  }
}
