package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidateCommandTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "cloudledger.yaml");

  @TempDir Path home;

  private Path write(String name, String yaml) throws Exception {
    Path file = home.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void validate_exampleConfig_printsSummaryAndExitsZero() {
    CliRunner.Result result =
        new CliRunner(home)
            .run("config", "validate", "--config", EXAMPLE.toAbsolutePath().toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).contains("cloud session").contains("aws 2");
  }

  @Test
  void validate_fileWithManyProblems_listsThemAllOnStderrAndExitsTwo() throws Exception {
    Path file =
        write(
            "bad.yaml",
            """
            cloud_sessions:
              - name: aws_prod
                session_type: aws
                regoin: us-east-1
              - name: azure_corp
                session_type: azur
              - name: aws_prod
                session_type: gcp
            inventory:
              endpoint: ftp://dynamo.local
            """);

    CliRunner.Result result =
        new CliRunner(home).run("config", "validate", "--config", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("cloud_sessions[0].regoin")
        .contains("did you mean 'region'")
        .contains("cloud_sessions[1].session_type")
        .contains("cloud_sessions[2].name")
        .contains("inventory.endpoint")
        .contains("is not valid: 4 errors");
  }

  @Test
  void validate_jsonOutput_isOneDocumentWithErrors() throws Exception {
    Path file = write("bad.yaml", "cloud_sessions:\n  - session_type: aws\n");

    CliRunner.Result result =
        new CliRunner(home)
            .run("config", "validate", "--config", file.toString(), "--output", "json");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    JsonNode json = TablePrinter.JSON.readTree(result.stdout());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("errors").get(0).get("path").asText()).isEqualTo("cloud_sessions[0].name");
  }

  @Test
  void validate_literalSecret_warnsWithoutShowingIt() throws Exception {
    String secret = "s3cr3t-Value-That-Must-Not-Leak";
    Path file =
        write(
            "literal.yaml",
            """
            cloud_sessions:
              - name: azure_corp
                session_type: azure
                tenant_id: t
                client_id: c
                client_secret: %s
            """
                .formatted(secret));

    CliRunner.Result result =
        new CliRunner(home).run("config", "validate", "--config", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stderr()).contains("warning").contains("client_secret");
    assertThat(result.all()).doesNotContain(secret);
  }

  @Test
  void validate_missingFile_isAUsageErrorNamingIt() {
    CliRunner.Result result =
        new CliRunner(home).run("config", "validate", "--config", "nope.yaml");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("nope.yaml");
  }

  @Test
  void validate_withoutAnyConfig_saysWhereItLooked() {
    CliRunner.Result result = new CliRunner(home).run("config", "validate");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("no configuration file").contains("CLOUDLEDGER_CONFIG");
  }

  @Test
  void validate_findsConfigFromEnvironmentVariable() throws Exception {
    Path file = write("from-env.yaml", "cloud_sessions:\n  - name: a\n    session_type: aws\n");

    CliRunner.Result result =
        new CliRunner(home).env("CLOUDLEDGER_CONFIG", file.toString()).run("config", "validate");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).contains("from-env.yaml");
  }
}
