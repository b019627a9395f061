package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** {@code rotate} and the AWS store of {@code secrets}, against the sandbox's Secrets Manager. */
class RotateCommandTest {
  static final String INITIAL = "initial-password-value-0001";

  @TempDir Path home;
  Sandbox sandbox;
  SecretsManagerClient sm;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    sm =
        SecretsManagerClient.builder()
            .endpointOverride(sandbox.endpoints().aws())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        sandbox.managementKeys().accessKeyId(),
                        sandbox.managementKeys().secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        """
        cloud_sessions:
          - name: aws_main
            session_type: aws
            region: us-east-1
            access_key_id: ENV/SANDBOX_KEY_ID
            secret_access_key: ENV/SANDBOX_SECRET
            endpoint_url: %s
        secrets_manager:
          cloud_stores:
            aws_secrets: { store_type: aws, priority: 200, session_name: aws_main, prefix: team/ }
        """
            .formatted(sandbox.endpoints().aws()));
    sm.createSecret(
        r ->
            r.name("team/db_password")
                .secretString(INITIAL)
                .tags(
                    Tag.builder()
                        .key("cloudledger:rotation-target")
                        .value("random-password")
                        .build()));
  }

  @AfterEach
  void stop() {
    sm.close();
    sandbox.close();
  }

  CliRunner cli() {
    return new CliRunner(home)
        .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
        .env("SANDBOX_KEY_ID", sandbox.managementKeys().accessKeyId())
        .env("SANDBOX_SECRET", sandbox.managementKeys().secretAccessKey());
  }

  @Test
  void rotate_runsAllFourSteps_andPrintsNoValue() throws IOException {
    CliRunner.Result result = cli().run("rotate", "db_password", "--output", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.stdout());
    assertThat(json.path("secret").asText()).isEqualTo("team/db_password");
    assertThat(json.path("steps").findValuesAsText("step"))
        .containsExactly("create", "set", "test", "finish");
    String token = json.path("token").asText();
    assertThat(sm.describeSecret(r -> r.secretId("team/db_password")).versionIdsToStages())
        .containsEntry(token, List.of("AWSCURRENT"))
        .hasSize(2);
    String current = sm.getSecretValue(r -> r.secretId("team/db_password")).secretString();
    assertThat(result.all()).doesNotContain(current).doesNotContain(INITIAL);
  }

  @Test
  void rotate_stepByStep_resumesThePendingRotation() {
    CliRunner.Result create = cli().run("rotate", "db_password", "--step", "create");
    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(sm.getSecretValue(r -> r.secretId("team/db_password")).secretString())
        .as("still the old value until finish")
        .isEqualTo(INITIAL);

    CliRunner.Result rest = cli().run("rotate", "db_password");

    assertThat(rest.exitCode()).as(rest.stderr()).isZero();
    Map<String, List<String>> stages =
        sm.describeSecret(r -> r.secretId("team/db_password")).versionIdsToStages();
    assertThat(stages.values())
        .containsExactlyInAnyOrder(List.of("AWSCURRENT"), List.of("AWSPREVIOUS"));
    assertThat(
            sm.getSecretValue(r -> r.secretId("team/db_password").versionStage("AWSPREVIOUS"))
                .secretString())
        .isEqualTo(INITIAL);
    assertThat(rest.all()).doesNotContain(INITIAL);
  }

  @Test
  void rotate_withAnotherTokenWhilePending_failsWithExitOne() {
    cli()
        .run(
            "rotate",
            "db_password",
            "--step",
            "create",
            "--token",
            "token-one-000000000000000000000001");

    CliRunner.Result second =
        cli().run("rotate", "db_password", "--token", "token-two-000000000000000000000002");

    assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(second.stderr()).contains("another rotation in progress");
  }

  @Test
  void rotate_withUnknownStep_isAUsageError() {
    assertThat(cli().run("rotate", "db_password", "--step", "bogus").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void secretsCommands_readAndWriteTheAwsStore() {
    CliRunner.Result get = cli().run("secrets", "get", "db_password", "--store", "aws_secrets");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).contains(INITIAL);

    CliRunner.Result set =
        cli()
            .stdin("api-token-value-42\n")
            .run("secrets", "set", "api_token", "--value-stdin", "--store", "aws_secrets");
    assertThat(set.exitCode()).as(set.stderr()).isZero();
    assertThat(sm.getSecretValue(r -> r.secretId("team/api_token")).secretString())
        .isEqualTo("api-token-value-42");
    assertThat(set.all()).doesNotContain("api-token-value-42");

    CliRunner.Result list = cli().run("secrets", "list");
    assertThat(list.stdout()).contains("api_token").contains("aws_secrets");
    assertThat(list.all()).doesNotContain(INITIAL);
  }
}
