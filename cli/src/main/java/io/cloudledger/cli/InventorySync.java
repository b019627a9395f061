package io.cloudledger.cli;

import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.cli.sync.AccountOutcome;
import io.cloudledger.cli.sync.BarProgress;
import io.cloudledger.cli.sync.LineProgress;
import io.cloudledger.cli.sync.SyncProgress;
import io.cloudledger.cli.sync.SyncReport;
import io.cloudledger.cli.sync.SyncRunner;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncCounts;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Syncs the accounts of a configuration into the local inventory: shared by sync and demo. */
final class InventorySync {
  static final Set<ResourceType> ALL_TYPES = EnumSet.allOf(ResourceType.class);

  /** The report plus the sessions that could not be turned into an account at all. */
  record Outcome(SyncReport report, List<String> sessionFailures, List<String> skipped) {
    boolean succeeded() {
      return report.succeeded() && sessionFailures.isEmpty();
    }
  }

  private InventorySync() {}

  static Outcome run(
      CliEnvironment environment,
      CloudledgerConfig config,
      Map<String, String> resolverEnvironment,
      SecretLookup secrets,
      LocalInventory inventory,
      Set<AccountKey> only,
      int parallelAccounts,
      PrintWriter err) {
    ConfigResolver resolver = new ConfigResolver(resolverEnvironment, secrets);
    try (AccountSources sources =
        AccountSources.of(config, resolver, AwsSourceSettings.defaults(), only, err)) {
      Set<AccountKey> found =
          sources.jobs().stream()
              .map(j -> j.account())
              .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
      sources.inactive().forEach(a -> found.add(a.account()));
      List<AccountKey> unknown = only.stream().filter(a -> !found.contains(a)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw CliException.usage(
            "no configured session reads "
                + String.join(", ", unknown.stream().map(AccountKey::value).toList()));
      }
      sources.sessionFailures().forEach(f -> err.println("cloudledger: " + f));
      List<String> skipped = skipInactive(sources, inventory, environment, err);
      SyncEngine engine =
          new SyncEngine(
              inventory.store(), inventory.runs(), environment.clock(), SyncSettings.defaults());
      SyncRunner runner = new SyncRunner(engine, parallelAccounts, environment.clock());
      try (SyncProgress progress = progress(environment, err)) {
        SyncReport report =
            runner.run("cli-" + UUID.randomUUID(), sources.jobs(), ALL_TYPES, "cli", progress);
        return new Outcome(report, sources.sessionFailures(), skipped);
      }
    }
  }

  /**
   * Suspended or closed organization members are not synced; their stored inventory is kept and
   * marked stale. Returns one line per skipped account.
   */
  private static List<String> skipInactive(
      AccountSources sources,
      LocalInventory inventory,
      CliEnvironment environment,
      PrintWriter err) {
    io.cloudledger.core.discovery.StaleInventory stale =
        new io.cloudledger.core.discovery.StaleInventory(inventory.store(), environment.clock());
    List<String> skipped = new java.util.ArrayList<>();
    for (var account : sources.inactive()) {
      int scopes = stale.mark(account);
      String line =
          account.account()
              + " is "
              + account.status()
              + " in "
              + account.source()
              + ": skipped, its inventory kept and marked stale ("
              + scopes
              + " scopes)";
      err.println("cloudledger: " + line);
      skipped.add(line);
    }
    return skipped;
  }

  private static SyncProgress progress(CliEnvironment environment, PrintWriter err) {
    // An animated bar only on a terminal; logs and pipes get one line per account.
    return environment.terminal().interactive()
        ? new BarProgress(System.err)
        : new LineProgress(err);
  }

  /** The per-account table of {@code sync}. */
  static Table accountTable(SyncReport report) {
    Table.Builder table =
        Table.withColumns(
            "account",
            "status",
            "seen",
            "created",
            "changed",
            "unchanged",
            "tombstoned",
            "apiCalls",
            "failures");
    for (AccountOutcome outcome : report.accounts()) {
      SyncCounts c = outcome.counts();
      String status =
          switch (outcome) {
            case AccountOutcome.Synced synced -> synced.result().status().name();
            case AccountOutcome.Failed failed -> "FAILED";
          };
      String failures =
          switch (outcome) {
            case AccountOutcome.Synced synced ->
                String.join(
                    "; ",
                    synced.result().failedScopes().stream()
                        .map(s -> s.scope().key() + ": " + s.reason())
                        .toList());
            case AccountOutcome.Failed failed -> failed.reason();
          };
      table.row(
          outcome.account().value(),
          status,
          c.seen(),
          c.created(),
          c.changed(),
          c.unchanged(),
          c.tombstoned(),
          outcome.apiCalls(),
          failures);
    }
    return table.build();
  }

  /** The report as a JSON object (the shape {@code sync --output json} and demo share). */
  static Map<String, Object> json(Outcome outcome) {
    SyncReport report = outcome.report();
    SyncCounts totals = report.totals();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("requestId", report.requestId());
    json.put("accounts", report.accounts().size());
    Map<String, Long> perProvider = new LinkedHashMap<>();
    for (Map.Entry<Provider, Long> e : report.resourcesPerProvider().entrySet()) {
      perProvider.put(e.getKey().prefix(), e.getValue());
    }
    json.put("resourcesPerProvider", perProvider);
    json.put("resources", totals.seen());
    json.put("itemsWritten", totals.writes());
    json.put("created", totals.created());
    json.put("changed", totals.changed());
    json.put("unchanged", totals.unchanged());
    json.put("tombstoned", totals.tombstoned());
    json.put("apiCalls", report.apiCalls());
    json.put(
        "seconds",
        Double.parseDouble(String.format(Locale.ROOT, "%.3f", report.elapsed().toNanos() / 1e9)));
    json.put("skipped", outcome.skipped());
    json.put(
        "failures",
        java.util.stream.Stream.concat(
                report.failures().stream().map(AccountOutcome::describe),
                outcome.sessionFailures().stream())
            .toList());
    return json;
  }
}
