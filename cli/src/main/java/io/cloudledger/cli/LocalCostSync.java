package io.cloudledger.cli;

import io.cloudledger.aws.cost.AwsCostSettings;
import io.cloudledger.aws.cost.AwsCostSource;
import io.cloudledger.azure.cost.AzureCostSettings;
import io.cloudledger.azure.cost.AzureCostSources;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSource;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.cost.CostStore;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostSyncResult;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.gcp.cost.GcpBillingExportCostSource;
import io.cloudledger.gcp.cost.GcpCostSources;
import io.cloudledger.gcp.session.GcpClientSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Syncs daily costs of a configuration into the local cost store, one billing query per scope: an
 * {@link AwsCostSource} per AWS session marked {@code cost_explorer: true} (a payer covers all its
 * linked accounts), an Azure Cost Management query per subscription, and one BigQuery query per
 * distinct GCP {@code billing_export_table} (covering every project billed to it). Shared by {@code
 * sync --kinds cost} and {@code demo}.
 */
final class LocalCostSync {

  /** What a cost run did: one result per source, plus the sources that failed (one line each). */
  record Outcome(CostWindow window, List<CostSyncResult> results, List<String> failures) {
    boolean succeeded() {
      return failures.isEmpty();
    }

    long fetched() {
      return results.stream().mapToLong(CostSyncResult::fetched).sum();
    }

    long written() {
      return results.stream().mapToLong(CostSyncResult::written).sum();
    }

    long unchanged() {
      return results.stream().mapToLong(CostSyncResult::unchanged).sum();
    }

    long requests() {
      return results.stream().mapToLong(CostSyncResult::requests).sum();
    }

    Set<AccountKey> accounts() {
      Set<AccountKey> accounts = new TreeSet<>();
      results.forEach(r -> accounts.addAll(r.accounts()));
      return accounts;
    }
  }

  /** One billing query to run: what to call it in messages, and how to open its source. */
  private record Job(String name, Supplier<CostSource> open) {}

  private LocalCostSync() {}

  static Outcome run(
      CliEnvironment environment,
      CloudledgerConfig config,
      Map<String, String> resolverEnvironment,
      SecretLookup secrets,
      CostStore store,
      int days,
      PrintWriter err) {
    ConfigResolver resolver = new ConfigResolver(resolverEnvironment, secrets);
    CostSync sync = new CostSync(store, environment.clock());
    CostWindow window = CostWindow.lastDays(environment.clock(), days);
    List<CostSyncResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    for (CloudSession session : config.sessions()) {
      if (session instanceof AwsSession aws && aws.costExplorer()) {
        jobs.add(
            new Job(
                "session '" + aws.name() + "'",
                () -> AwsCostSource.create(aws, resolver, AwsCostSettings.defaults())));
      }
    }
    if (config.sessions().stream().anyMatch(s -> s instanceof AzureSession)) {
      addOwners(
          "azure",
          () ->
              AzureCostSources.create(
                  config,
                  resolver,
                  AzureClientSettings.defaults(),
                  AzureCostSettings.defaults(),
                  environment.clock()),
          jobs,
          failures,
          err);
    }
    if (config.sessions().stream().anyMatch(s -> s instanceof GcpSession)) {
      addOwners(
          "gcp",
          () ->
              GcpCostSources.create(
                  config,
                  resolver,
                  GcpClientSettings.defaults(),
                  GcpBillingExportCostSource.DEFAULT_PAGE_ROWS,
                  environment.clock()),
          jobs,
          failures,
          err);
    }
    if (jobs.isEmpty() && failures.isEmpty()) {
      err.println(
          "cloudledger: no cost source is configured, so no cost was synced (mark the AWS payer"
              + " account's session cost_explorer: true, add an Azure session, or give a GCP"
              + " session its billing_export_table)");
    }
    for (Job job : jobs) {
      try {
        CostSource source = job.open().get();
        try {
          CostSyncResult result = sync.sync(source, window);
          results.add(result);
          err.printf(
              "cost %s: %d rows for %d accounts, %d written, %d unchanged, %d requests%n",
              job.name(),
              result.fetched(),
              result.accounts().size(),
              result.written(),
              result.unchanged(),
              result.requests());
        } finally {
          if (source instanceof AutoCloseable closeable) {
            closeable.close();
          }
        }
      } catch (CloudledgerException e) {
        failures.add("cost of " + job.name() + ": " + e.getMessage());
        err.println("cloudledger: cost of " + job.name() + " failed: " + e.getMessage());
      } catch (Exception e) {
        failures.add("cost of " + job.name() + ": " + e);
        err.println("cloudledger: cost of " + job.name() + " failed: " + e);
      }
    }
    err.flush();
    return new Outcome(window, results, failures);
  }

  /** Adds a job per account that owns a billing scope of {@code provider}'s sources. */
  private static void addOwners(
      String provider,
      Supplier<CostSources> sources,
      List<Job> jobs,
      List<String> failures,
      PrintWriter err) {
    try {
      CostSources built = sources.get();
      for (AccountKey owner : built.owners()) {
        if (built.coverage(owner) instanceof CostCoverage.Owner scope) {
          jobs.add(new Job(owner.value(), scope.open()));
        }
      }
    } catch (CloudledgerException e) {
      failures.add("cost sources of " + provider + ": " + e.getMessage());
      err.println("cloudledger: " + provider + " cost sources failed: " + e.getMessage());
    }
  }

  /** One line per cost source: what {@code sync --kinds cost} prints. */
  static Table table(Outcome outcome) {
    Table.Builder table =
        Table.withColumns(
            "costSource", "from", "to", "accounts", "rows", "written", "unchanged", "requests");
    for (CostSyncResult result : outcome.results()) {
      table.row(
          result.source(),
          result.window().start(),
          result.window().end().minusDays(1),
          result.accounts().size(),
          result.fetched(),
          result.written(),
          result.unchanged(),
          result.requests());
    }
    return table.build();
  }

  /** The outcome as JSON (the {@code cost} object of {@code sync} and {@code demo}). */
  static Map<String, Object> json(Outcome outcome) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", outcome.window().start().toString());
    json.put("to", outcome.window().end().minusDays(1).toString());
    json.put("sources", outcome.results().size());
    json.put("accounts", outcome.accounts().size());
    json.put("rows", outcome.fetched());
    json.put("written", outcome.written());
    json.put("unchanged", outcome.unchanged());
    json.put("requests", outcome.requests());
    json.put("failures", outcome.failures());
    return json;
  }
}
