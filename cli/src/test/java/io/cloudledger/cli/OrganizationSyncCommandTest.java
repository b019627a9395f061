package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync} with an organization session: discovered members synced, suspended ones skipped. */
class OrganizationSyncCommandTest {
  private static Sandbox sandbox;
  @TempDir Path home;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(8).withResourcesPerAccount(8));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void sync_syncsDiscoveredMembers_andSkipsTheSuspendedOneWithoutFailing() throws Exception {
    List<AwsAccount> accounts = sandbox.estate().accounts();
    // Accounts 1, 4 and 7 demand their own ExternalId: left out by rule.
    String skipped =
        List.of(1, 4, 7).stream()
            .map(i -> "'" + accounts.get(i).accountId() + "'")
            .reduce((a, b) -> a + ", " + b)
            .orElseThrow();
    AwsAccount suspended = accounts.get(5);
    sandbox.estate().organization().setState(suspended.accountId(), "SUSPENDED");
    Path config = home.resolve("cloudledger.yaml");
    Files.writeString(
        config,
        "cloud_sessions:\n"
            + "  - name: org\n"
            + "    session_type: aws\n"
            + "    access_key_id: ENV/SANDBOX_KEY\n"
            + "    secret_access_key: ENV/SANDBOX_SECRET\n"
            + "    regions: [us-east-1]\n"
            + "    endpoint_url: "
            + sandbox.endpoints().aws()
            + "\n"
            + "    organization:\n"
            + "      member_role: cloudledger-reader\n"
            + "      skip_accounts: ["
            + skipped
            + "]\n"
            + "inventory:\n  store: memory\n");

    CliRunner.Result result =
        new CliRunner(home)
            .env("SANDBOX_KEY", sandbox.managementKeys().accessKeyId())
            .env("SANDBOX_SECRET", sandbox.managementKeys().secretAccessKey())
            .run("sync", "--config", config.toString(), "--output", "json");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(result.stdout());
    assertThat(json.path("accounts").asInt()).isEqualTo(4);
    assertThat(json.path("skipped").toString())
        .contains("aws#" + suspended.accountId() + " is SUSPENDED in org");
    assertThat(json.path("failures")).isEmpty();
    assertThat(result.stderr()).contains("marked stale");
  }
}
