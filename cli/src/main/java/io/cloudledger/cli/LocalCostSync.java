package io.cloudledger.cli;

import io.cloudledger.aws.cost.AwsCostSettings;
import io.cloudledger.aws.cost.AwsCostSource;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostStore;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostSyncResult;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.model.AccountKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Syncs daily costs of a configuration into the local cost store: one {@link AwsCostSource} per AWS
 * session marked {@code cost_explorer: true} (a payer covers all its linked accounts). Shared by
 * {@code sync --kinds cost} and {@code demo}. Azure and GCP cost sources plug in here once their
 * connectors exist.
 */
final class LocalCostSync {

  /** What a cost run did: one result per payer, plus the payers that failed (one line each). */
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
    List<AwsSession> payers = new ArrayList<>();
    for (CloudSession session : config.sessions()) {
      if (session instanceof AwsSession aws && aws.costExplorer()) {
        payers.add(aws);
      }
    }
    if (payers.isEmpty()) {
      err.println(
          "cloudledger: no session has cost_explorer: true, so no cost was synced (mark the AWS"
              + " payer account's session)");
    }
    for (AwsSession payer : payers) {
      try (AwsCostSource source =
          AwsCostSource.create(payer, resolver, AwsCostSettings.defaults())) {
        CostSyncResult result = sync.sync(source, window);
        results.add(result);
        err.printf(
            "cost %s: %d rows for %d accounts, %d written, %d unchanged, %d requests%n",
            payer.name(),
            result.fetched(),
            result.accounts().size(),
            result.written(),
            result.unchanged(),
            result.requests());
      } catch (CloudledgerException e) {
        failures.add("cost of session '" + payer.name() + "': " + e.getMessage());
        err.println(
            "cloudledger: cost of session '" + payer.name() + "' failed: " + e.getMessage());
      }
    }
    err.flush();
    return new Outcome(window, results, failures);
  }

  /** One line per payer: what {@code sync --kinds cost} prints. */
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
    json.put("payers", outcome.results().size());
    json.put("accounts", outcome.accounts().size());
    json.put("rows", outcome.fetched());
    json.put("written", outcome.written());
    json.put("unchanged", outcome.unchanged());
    json.put("requests", outcome.requests());
    json.put("failures", outcome.failures());
    return json;
  }
}
