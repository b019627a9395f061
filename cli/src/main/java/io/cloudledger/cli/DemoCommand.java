package io.cloudledger.cli;

import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger demo}: the main job end to end on one machine. Starts the sandbox, syncs its
 * estate through the real SDK clients into the persistent DynamoDB Local under the cloudledger
 * home, and prints the inventory. Run it twice: the second run writes nothing, because nothing
 * changed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Sync a sandbox estate end to end into the local store and print the inventory.",
      "Afterwards `cloudledger inventory list` shows what was synced."
    })
final class DemoCommand implements Callable<Integer> {
  private final CliEnvironment environment;
  @Spec CommandSpec spec;

  @Option(
      names = "--accounts",
      defaultValue = "3",
      description =
          "Sandbox accounts per cloud: AWS accounts and GCP projects (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--resources",
      defaultValue = "200",
      description = "Resources per account (default ${DEFAULT-VALUE}).")
  int resources;

  @Mixin OutputOption output;

  DemoCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    OutputFormat format = output.require("demo", OutputFormat.TABLE, OutputFormat.JSON);
    SandboxOptions options =
        SandboxOptions.defaults()
            .withAccounts(accounts)
            .withResourcesPerAccount(resources)
            .withAzureSubscriptions(SandboxEstate.AZURE_SUBSCRIPTIONS)
            .withGcpProjects(accounts);
    PrintWriter err = spec.commandLine().getErr();
    err.println("cloudledger demo: starting the sandbox (" + SandboxEstate.describe(options) + ")");
    err.flush();
    try (SandboxEstate estate = SandboxEstate.start(options, environment.env());
        LocalInventory inventory = LocalInventory.open(environment, estate.config().inventory())) {
      err.println("cloudledger demo: syncing into " + inventory.describe());
      InventorySync.Outcome outcome =
          InventorySync.run(
              environment,
              estate.config(),
              estate.environment(),
              SecretLookup.none(),
              inventory,
              Set.of(),
              4,
              err);
      LocalCostSync.Outcome cost =
          LocalCostSync.run(
              environment,
              estate.config(),
              estate.environment(),
              SecretLookup.none(),
              inventory.costs(),
              CostSync.DEFAULT_DAYS,
              err);
      Set<AccountKey> synced =
          outcome.report().accounts().stream().map(a -> a.account()).collect(Collectors.toSet());
      Table summary = inventorySummary(inventory, synced);
      long sandboxCalls = estate.sandbox().counters().totalCalls();
      if (format == OutputFormat.JSON) {
        Map<String, Object> json = new LinkedHashMap<>(InventorySync.json(outcome));
        json.put("apiCalls", sandboxCalls);
        json.put("costRows", cost.fetched());
        json.put("cost", LocalCostSync.json(cost));
        json.put("store", inventory.describe());
        json.put("inventory", TablePrinter.toJson(summary));
        TablePrinter.printJson(spec.commandLine().getOut(), json);
      } else {
        printTable(outcome, cost, summary, sandboxCalls, inventory.describe());
      }
      return outcome.succeeded() && cost.succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  /** Live resources of the synced accounts, counted by provider, type and status. */
  private static Table inventorySummary(LocalInventory inventory, Set<AccountKey> accounts) {
    Map<List<String>, Long> counts = new TreeMap<>(DemoCommand::compareRows);
    try (Stream<Resource> resources =
        inventory.store().query(InventoryQuery.all().withAccounts(accounts))) {
      resources.forEach(
          r ->
              counts.merge(
                  List.of(r.provider().prefix(), r.type().key(), r.status().name()),
                  1L,
                  Long::sum));
    }
    Table.Builder table = Table.withColumns("provider", "type", "status", "resources");
    counts.forEach((key, count) -> table.row(key.get(0), key.get(1), key.get(2), count));
    return table.build();
  }

  private static int compareRows(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private void printTable(
      InventorySync.Outcome outcome,
      LocalCostSync.Outcome cost,
      Table summary,
      long apiCalls,
      String store) {
    PrintWriter out = spec.commandLine().getOut();
    var report = outcome.report();
    var totals = report.totals();
    out.println("Inventory in " + store + ":");
    TablePrinter.print(out, OutputFormat.TABLE, summary);
    out.println();
    out.println("Accounts:");
    TablePrinter.print(out, OutputFormat.TABLE, InventorySync.accountTable(report));
    out.println();
    out.printf(
        Locale.ROOT,
        "Synced %d accounts, %d resources in %.1f s: %d items written (%d created, %d changed,"
            + " %d tombstoned), %d unchanged, %d API calls.%n",
        report.accounts().size(),
        totals.seen(),
        report.elapsed().toMillis() / 1000.0,
        totals.writes(),
        totals.created(),
        totals.changed(),
        totals.tombstoned(),
        totals.unchanged(),
        apiCalls);
    out.printf(
        Locale.ROOT,
        "Cost: %d daily rows for %d accounts from %s to %s (%d written, %d unchanged), %d billing"
            + " API requests (Cost Explorer, Cost Management, BigQuery).%n",
        cost.fetched(),
        cost.accounts().size(),
        cost.window().start(),
        cost.window().end().minusDays(1),
        cost.written(),
        cost.unchanged(),
        cost.requests());
    out.println("Next: ./cloudledger inventory list --type vm");
    out.println("      ./cloudledger cost report --by account");
    out.flush();
  }
}
