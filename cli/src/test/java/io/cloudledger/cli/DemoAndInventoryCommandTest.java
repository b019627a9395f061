package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end: {@code demo} against the sandbox through the real AWS SDK into the
 * persistent DynamoDB Local under a temporary home, then reading it back across invocations. The
 * tests share one home and run in order, as a user would type the commands.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoAndInventoryCommandTest {
  private static final int ACCOUNTS = 2;
  private static final int RESOURCES = 40;
  private static final int AZURE_SUBSCRIPTIONS = SandboxEstate.AZURE_SUBSCRIPTIONS;
  // ACCOUNTS AWS accounts and GCP projects, AZURE_SUBSCRIPTIONS subscriptions, RESOURCES each.
  private static final int ALL_ACCOUNTS = 2 * ACCOUNTS + AZURE_SUBSCRIPTIONS;
  private static final int TOTAL = ALL_ACCOUNTS * RESOURCES;

  @TempDir static Path home;

  private static CliRunner cli() {
    return new CliRunner(home);
  }

  private static JsonNode json(CliRunner.Result result) throws Exception {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    return TablePrinter.JSON.readTree(result.stdout());
  }

  @Test
  @Order(1)
  void demo_firstRun_createsEveryResourceOfTheEstate() throws Exception {
    JsonNode report =
        json(
            cli()
                .run(
                    "demo",
                    "--accounts",
                    "" + ACCOUNTS,
                    "--resources",
                    "" + RESOURCES,
                    "--output",
                    "json"));

    assertThat(report.get("accounts").asInt()).isEqualTo(ALL_ACCOUNTS);
    assertThat(report.get("resourcesPerProvider").get("aws").asLong())
        .isEqualTo(ACCOUNTS * RESOURCES);
    assertThat(report.get("resourcesPerProvider").get("gcp").asLong())
        .isEqualTo(ACCOUNTS * RESOURCES);
    assertThat(report.get("resourcesPerProvider").get("azure").asLong())
        .isEqualTo(AZURE_SUBSCRIPTIONS * RESOURCES);
    assertThat(report.get("created").asLong()).isEqualTo(TOTAL);
    assertThat(report.get("itemsWritten").asLong()).isEqualTo(TOTAL);
    assertThat(report.get("apiCalls").asLong()).isPositive();
    assertThat(report.get("costRows").asInt()).isPositive();
    // Cost of every account of the three clouds: AWS payer, each subscription, the GCP export.
    assertThat(report.get("cost").get("accounts").asInt()).isEqualTo(ALL_ACCOUNTS);
    assertThat(report.get("cost").get("sources").asInt()).isEqualTo(1 + AZURE_SUBSCRIPTIONS + 1);
    assertThat(report.get("cost").get("written").asInt()).isEqualTo(report.get("costRows").asInt());
    assertThat(report.get("failures")).isEmpty();
    assertThat(home.resolve("dynamodb/cloudledger.db")).exists();
  }

  @Test
  @Order(2)
  void demo_secondRun_writesNothing() throws Exception {
    JsonNode report =
        json(
            cli()
                .run(
                    "demo",
                    "--accounts",
                    "" + ACCOUNTS,
                    "--resources",
                    "" + RESOURCES,
                    "--output",
                    "json"));

    assertThat(report.get("itemsWritten").asLong()).isZero();
    assertThat(report.get("unchanged").asLong()).isEqualTo(TOTAL);
    assertThat(report.get("cost").get("written").asInt()).isZero();
    assertThat(report.get("cost").get("unchanged").asInt())
        .isEqualTo(report.get("costRows").asInt());
  }

  @Test
  @Order(3)
  void inventoryList_inANewInvocation_showsWhatTheDemoSynced() throws Exception {
    JsonNode all = json(cli().run("inventory", "list", "--output", "json"));
    JsonNode vms = json(cli().run("inventory", "list", "--type", "vm", "--output", "json"));

    assertThat(all).hasSize(TOTAL);
    assertThat(vms)
        .isNotEmpty()
        .allSatisfy(vm -> assertThat(vm.get("type").asText()).isEqualTo("vm"));
    String account = vms.get(0).get("account").asText();
    JsonNode one = json(cli().run("inventory", "list", "--account", account, "--output", "json"));
    assertThat(one)
        .hasSize(RESOURCES)
        .allSatisfy(r -> assertThat(r.get("account").asText()).isEqualTo(account));
  }

  @Test
  @Order(4)
  void inventoryExport_writesCsvAndJsonFiles() throws Exception {
    CliRunner.Result csv = cli().run("inventory", "export", "--out", "inventory.csv");
    CliRunner.Result json =
        cli().run("inventory", "export", "--out", "out/inventory.json", "--type", "storage");

    assertThat(csv.exitCode()).as(csv.stderr()).isZero();
    List<String> lines = Files.readAllLines(home.resolve("inventory.csv"));
    assertThat(lines).hasSize(TOTAL + 1);
    assertThat(lines.get(0)).startsWith("account,type,region,id,name,status");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    JsonNode buckets = TablePrinter.JSON.readTree(home.resolve("out/inventory.json").toFile());
    assertThat(buckets)
        .isNotEmpty()
        .allSatisfy(b -> assertThat(b.get("type").asText()).isEqualTo("storage"));
    assertThat(buckets.get(0).get("tags")).isNotNull();
  }

  @Test
  @Order(5)
  void inventoryList_badFilters_areUsageErrors() {
    assertThat(cli().run("inventory", "list", "--type", "bogus").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli().run("inventory", "list", "--provider", "oracle").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    CliRunner.Result badAccount = cli().run("inventory", "list", "--account", "aws#12");
    assertThat(badAccount.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badAccount.stderr()).contains("aws#12");
  }

  @Test
  @Order(6)
  void syncSandbox_tableOutput_listsAccountsAndExitsZero() {
    CliRunner.Result result = cli().run("sync", "--sandbox");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("SUCCEEDED").contains("aws#");
    assertThat(result.stderr()).contains("API calls");
  }
}
