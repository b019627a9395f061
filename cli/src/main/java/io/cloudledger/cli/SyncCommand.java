package io.cloudledger.cli;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cloudledger sync}: sync the configured accounts (or a sandbox) into the inventory. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync the inventory (and, with --kinds cost, the daily cost) of the configured accounts into the store.",
      "Exit 1 when any account or scope failed (the rest is still synced)."
    })
final class SyncCommand implements Callable<Integer> {
  private final CliEnvironment environment;
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file.")
  Path config;

  @Option(
      names = "--account",
      paramLabel = "KEY",
      description = "Only this account (e.g. aws#123456789012); repeatable.")
  List<String> accounts = List.of();

  @Option(
      names = "--kinds",
      paramLabel = "KINDS",
      split = ",",
      defaultValue = "inventory",
      description =
          "What to sync: inventory, cost or both (default ${DEFAULT-VALUE}). Cost reads the last"
              + " 30 days from each AWS session with cost_explorer: true (for all its linked"
              + " accounts), each Azure subscription (Cost Management) and each GCP"
              + " billing_export_table (BigQuery, for all its projects); --account does not narrow"
              + " it.")
  List<String> kinds;

  @Option(
      names = "--sandbox",
      description = "Sync a freshly started local sandbox estate instead of --config's accounts.")
  boolean sandbox;

  @Option(
      names = "--parallel",
      defaultValue = "4",
      description = "Accounts synced at once (default ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin OutputOption output;

  SyncCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    validateOptions();
    Set<AccountKey> only = new LinkedHashSet<>();
    for (String account : accounts) {
      try {
        only.add(AccountKey.parse(account.strip()));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("invalid --account '" + account + "': " + e.getMessage());
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean syncInventory = kinds().contains("inventory");
    boolean syncCost = kinds().contains("cost");
    InventorySync.Outcome outcome = null;
    LocalCostSync.Outcome cost = null;
    if (sandbox) {
      try (SandboxEstate estate =
              SandboxEstate.start(
                  SandboxOptions.defaults()
                      .withAzureSubscriptions(SandboxEstate.AZURE_SUBSCRIPTIONS)
                      .withGcpProjects(SandboxOptions.DEFAULT_ACCOUNTS),
                  environment.env());
          LocalInventory inventory =
              LocalInventory.open(environment, estate.config().inventory())) {
        err.println(
            "syncing the sandbox estate ("
                + SandboxEstate.describe(estate.sandbox().options())
                + ") into "
                + inventory.describe());
        if (syncInventory) {
          outcome =
              InventorySync.run(
                  environment,
                  estate.config(),
                  estate.environment(),
                  SecretLookup.none(),
                  inventory,
                  only,
                  parallel,
                  err);
        }
        if (syncCost) {
          cost =
              LocalCostSync.run(
                  environment,
                  estate.config(),
                  estate.environment(),
                  SecretLookup.none(),
                  inventory.costs(),
                  CostSync.DEFAULT_DAYS,
                  err);
        }
      }
    } else {
      Path file = ConfigLocation.require(environment, config);
      CloudledgerConfig loaded = ConfigLoader.load(file);
      SecretsManager secrets = LocalSecrets.open(environment, file, err);
      try (LocalInventory inventory = LocalInventory.open(environment, loaded.inventory())) {
        err.println("syncing into " + inventory.describe());
        if (syncInventory) {
          outcome =
              InventorySync.run(
                  environment,
                  loaded,
                  environment.env(),
                  secrets::get,
                  inventory,
                  only,
                  parallel,
                  err);
        }
        if (syncCost) {
          cost =
              LocalCostSync.run(
                  environment,
                  loaded,
                  environment.env(),
                  secrets::get,
                  inventory.costs(),
                  CostSync.DEFAULT_DAYS,
                  err);
        }
      }
    }
    print(outcome, cost);
    boolean succeeded =
        (outcome == null || outcome.succeeded()) && (cost == null || cost.succeeded());
    return succeeded ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private Set<String> kinds() {
    Set<String> normalized = new LinkedHashSet<>();
    kinds.forEach(kind -> normalized.add(kind.strip().toLowerCase(Locale.ROOT)));
    return normalized;
  }

  private void validateOptions() {
    output.require("sync", OutputFormat.TABLE, OutputFormat.JSON);
    if (parallel < 1 || parallel > 256) {
      throw CliException.usage("--parallel must be between 1 and 256, got " + parallel);
    }
    for (String kind : kinds) {
      String normalized = kind.strip().toLowerCase(Locale.ROOT);
      if (!normalized.equals("inventory") && !normalized.equals("cost")) {
        throw CliException.usage("unknown kind '" + kind + "': expected inventory or cost");
      }
    }
    if (sandbox && config != null) {
      throw CliException.usage("--sandbox and --config exclude each other");
    }
  }

  private void print(InventorySync.Outcome outcome, LocalCostSync.Outcome cost) {
    PrintWriter out = spec.commandLine().getOut();
    if (output.format == OutputFormat.JSON) {
      Map<String, Object> json =
          outcome == null
              ? new LinkedHashMap<>()
              : new LinkedHashMap<>(InventorySync.json(outcome));
      if (cost != null) {
        json.put("cost", LocalCostSync.json(cost));
      }
      TablePrinter.printJson(out, json);
      return;
    }
    if (outcome != null) {
      printInventory(outcome);
    }
    if (cost != null) {
      TablePrinter.print(out, OutputFormat.TABLE, LocalCostSync.table(cost));
      out.flush();
    }
  }

  private void printInventory(InventorySync.Outcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TablePrinter.print(out, OutputFormat.TABLE, InventorySync.accountTable(outcome.report()));
    var totals = outcome.report().totals();
    err.printf(
        Locale.ROOT,
        "%d accounts, %d resources: %d written (%d created, %d changed, %d tombstoned), %d"
            + " unchanged, %d API calls, %.1f s%n",
        outcome.report().accounts().size(),
        totals.seen(),
        totals.writes(),
        totals.created(),
        totals.changed(),
        totals.tombstoned(),
        totals.unchanged(),
        outcome.report().apiCalls(),
        outcome.report().elapsed().toMillis() / 1000.0);
    err.flush();
  }
}
