package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accounts check} against the sandbox: healthy, wrong ExternalId, missing permission. */
class AccountsCheckCommandTest {
  private static Sandbox sandbox;
  @TempDir Path home;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(3).withResourcesPerAccount(8));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static String session(AwsAccount account, String externalIdLine) {
    return "  - name: aws_"
        + account.index()
        + "\n    session_type: aws\n"
        + "    access_key_id: ENV/SANDBOX_KEY\n"
        + "    secret_access_key: ENV/SANDBOX_SECRET\n"
        + "    role_arn: "
        + account.roleArn()
        + "\n"
        + externalIdLine
        + "    endpoint_url: "
        + sandbox.endpoints().aws()
        + "\n";
  }

  private CliRunner.Result run(String... args) throws Exception {
    List<AwsAccount> accounts = sandbox.estate().accounts();
    Path config = home.resolve("cloudledger.yaml");
    Files.writeString(
        config,
        "cloud_sessions:\n"
            + session(accounts.get(0), "")
            + session(accounts.get(1), "    external_id: ENV/WRONG_EXTERNAL_ID\n")
            + session(accounts.get(2), "")
            + "inventory:\n  store: memory\n");
    String[] full = new String[args.length + 2];
    full[0] = "--config";
    full[1] = config.toString();
    System.arraycopy(args, 0, full, 2, args.length);
    String[] command = new String[full.length + 2];
    command[0] = "accounts";
    command[1] = "check";
    System.arraycopy(full, 0, command, 2, full.length);
    return new CliRunner(home)
        .env("SANDBOX_KEY", sandbox.managementKeys().accessKeyId())
        .env("SANDBOX_SECRET", sandbox.managementKeys().secretAccessKey())
        .env("WRONG_EXTERNAL_ID", "cl-ext-guessed-wrong")
        .run(command);
  }

  @Test
  void check_reportsWrongExternalIdAndTheExactMissingAction_andExitsOne() throws Exception {
    List<AwsAccount> accounts = sandbox.estate().accounts();
    sandbox
        .faults()
        .replace(FaultPlan.parse("DescribeSubnets@" + accounts.get(2).accountId() + ":deny"));

    CliRunner.Result result = run("--output", "json");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.FAILURE);
    JsonNode json = new ObjectMapper().readTree(result.stdout());
    assertThat(json.path("healthy").asBoolean()).isFalse();
    JsonNode byAccount = json.path("accounts");
    assertThat(byAccount).hasSize(3);
    for (JsonNode account : byAccount) {
      String key = account.path("account").asText();
      if (key.equals("aws#" + accounts.get(0).accountId())) {
        assertThat(account.path("healthy").asBoolean()).isTrue();
      } else if (key.equals("aws#" + accounts.get(1).accountId())) {
        assertThat(account.path("healthy").asBoolean()).isFalse();
        assertThat(account.path("checks").toString())
            .contains("\"name\":\"sts:AssumeRole\",\"status\":\"FAILED\"")
            .contains("AccessDenied");
      } else {
        assertThat(key).isEqualTo("aws#" + accounts.get(2).accountId());
        assertThat(account.path("missing").toString()).isEqualTo("[\"ec2:DescribeSubnets\"]");
      }
    }
    assertThat(result.all()).doesNotContain("cl-ext-guessed-wrong");
  }

  @Test
  void check_oneHealthyAccount_printsATableAndExitsZero() throws Exception {
    CliRunner.Result result =
        run("--account", "aws#" + sandbox.estate().accounts().get(0).accountId());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).contains("healthy").doesNotContain("UNHEALTHY");
    assertThat(result.stderr()).contains("0 of 1 accounts unhealthy");
  }

  @Test
  void check_table_namesTheMissingAction() throws Exception {
    sandbox.faults().replace(FaultPlan.parse("ListBuckets:deny"));

    CliRunner.Result result =
        run("--account", "aws#" + sandbox.estate().accounts().get(2).accountId());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.stdout()).contains("UNHEALTHY").contains("s3:ListAllMyBuckets");
  }
}
