package io.cloudledger.gcp.cost;

import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.gcp.session.GcpClients;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The GCP {@link CostSources}: each distinct {@code billing_export_table} is queried once per run,
 * under one project — the export table's own project when the session lists it, else the session's
 * first project — and covers every other project (of any session naming the same table). A project
 * of a session without an export table is not covered.
 */
public final class GcpCostSources implements CostSources {
  /** One export: the table, the project it is synced under, the session that owns it. */
  private record Export(String table, AccountKey owner, GcpSession session) {}

  private final ConfigResolver resolver;
  private final GcpClientSettings clientSettings;
  private final long pageRows;
  private final Clock clock;
  // Per project: the export it is billed to (empty: its session names none).
  private final Map<AccountKey, Optional<Export>> projects = new LinkedHashMap<>();

  private GcpCostSources(
      ConfigResolver resolver, GcpClientSettings clientSettings, long pageRows, Clock clock) {
    this.resolver = resolver;
    this.clientSettings = clientSettings;
    this.pageRows = pageRows;
    this.clock = clock;
  }

  /** The exports of {@code config}'s GCP sessions; builds nothing and makes no call yet. */
  public static GcpCostSources create(
      CloudledgerConfig config,
      ConfigResolver resolver,
      GcpClientSettings clientSettings,
      long pageRows,
      Clock clock) {
    GcpCostSources sources =
        new GcpCostSources(
            Objects.requireNonNull(resolver, "resolver"),
            Objects.requireNonNull(clientSettings, "clientSettings"),
            pageRows,
            Objects.requireNonNull(clock, "clock"));
    Map<String, Export> exports = new LinkedHashMap<>();
    for (CloudSession session : config.sessions()) {
      if (!(session instanceof GcpSession gcp)) {
        continue;
      }
      List<AccountKey> keys =
          resolver.resolveTexts(gcp.projectIds()).stream()
              .distinct()
              .map(id -> AccountKey.of(Provider.GCP, id))
              .toList();
      Optional<Export> export =
          resolver
              .resolveOptionalText(gcp.billingExportTable())
              .map(table -> exports.computeIfAbsent(table, t -> export(t, gcp, keys)));
      keys.forEach(key -> sources.projects.putIfAbsent(key, export));
    }
    return sources;
  }

  private static Export export(String table, GcpSession session, List<AccountKey> projects) {
    AccountKey tableProject = AccountKey.of(Provider.GCP, table.substring(0, table.indexOf('.')));
    if (projects.isEmpty()) {
      throw new PermanentException(
          "no-projects",
          "GCP session '" + session.name() + "' names a billing export but lists no project_ids");
    }
    return new Export(
        table, projects.contains(tableProject) ? tableProject : projects.getFirst(), session);
  }

  @Override
  public CostCoverage coverage(AccountKey account) {
    if (!projects.containsKey(account)) {
      throw new PermanentException(
          "unknown-account", "no configured GCP session reads project " + account);
    }
    Optional<Export> export = projects.get(account);
    if (export.isEmpty()) {
      return new CostCoverage.NotCovered(
          "the GCP session of "
              + account
              + " names no billing_export_table (project.dataset.gcp_billing_export_v1_XXXX)");
    }
    if (!export.get().owner().equals(account)) {
      return new CostCoverage.CoveredBy(
          "gcp billing export "
              + export.get().table()
              + " (synced under "
              + export.get().owner()
              + ")");
    }
    Export owned = export.get();
    return new CostCoverage.Owner(() -> open(owned));
  }

  private ClosingSource open(Export export) {
    GcpClients clients = GcpClients.create(export.session(), resolver, clientSettings);
    try {
      GcpBillingExportCostSource source =
          GcpBillingExportCostSource.forSession(
                  export.session(), resolver, clients, pageRows, clock)
              .orElseThrow();
      return new ClosingSource(source, clients);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  /** The projects each export is synced under, one per distinct table. */
  @Override
  public List<AccountKey> owners() {
    return projects.values().stream()
        .flatMap(Optional::stream)
        .map(Export::owner)
        .distinct()
        .toList();
  }

  /** An export's source that closes the session clients it was built over. */
  private record ClosingSource(GcpBillingExportCostSource source, GcpClients clients)
      implements io.cloudledger.core.cost.CostSource, AutoCloseable {
    @Override
    public String describe() {
      return source.describe();
    }

    @Override
    public io.cloudledger.core.cost.CostFetch fetch(io.cloudledger.core.cost.CostWindow window) {
      return source.fetch(window);
    }

    @Override
    public void close() {
      clients.close();
    }
  }
}
