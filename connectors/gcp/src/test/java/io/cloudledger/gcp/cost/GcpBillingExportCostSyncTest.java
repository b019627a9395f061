package io.cloudledger.gcp.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostSyncResult;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.cost.InMemoryCostStore;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.gcp.session.GcpClients;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.fault.FaultPlan;
import io.cloudledger.sandbox.gcp.GcpRoute;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GCP cost path with real parts: the sandbox's BigQuery REST API through {@code
 * google-cloud-bigquery}, the session's real service-account credential (token from the sandbox),
 * and the core CostSync.
 */
class GcpBillingExportCostSyncTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T09:00:00Z"), ZoneOffset.UTC);
  static final long PAGE_ROWS = 100;
  static final String KEY_SECRET = "gcp_sa_key";
  static final GcpClientSettings FAST =
      GcpClientSettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));

  static Sandbox sandbox;
  static GcpClients clients;
  static GcpBillingExportCostSource source;

  InMemoryCostStore store = new InMemoryCostStore();
  CostSync sync = new CostSync(store, CLOCK);

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withGcpProjects(3));
    GcpSession session = session(sandbox.estate().gcp().billingExportTable().orElseThrow());
    clients = GcpClients.create(session, resolver(), FAST);
    source =
        GcpBillingExportCostSource.forSession(session, resolver(), clients, PAGE_ROWS, CLOCK)
            .orElseThrow();
  }

  @AfterAll
  static void stop() {
    clients.close();
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
    sandbox.counters().reset();
  }

  /** The session as a user writes it: key as SEC/, the sandbox as endpoint, the export table. */
  static GcpSession session(String table) {
    String yaml =
        "cloud_sessions:\n  - name: gcp_billing\n    session_type: gcp\n"
            + "    credentials: SEC/"
            + KEY_SECRET
            + "\n    project_ids: ["
            + String.join(
                ", ",
                sandbox.estate().gcp().projects().stream().map(GcpProject::projectId).toList())
            + "]\n    endpoint_url: "
            + sandbox.gcpEndpoint()
            + "\n    billing_export_table: "
            + table
            + "\n";
    return (GcpSession)
        ConfigLoader.parse(yaml, Path.of("cloudledger.yaml")).sessions(SessionType.GCP).getFirst();
  }

  static ConfigResolver resolver() {
    String key = sandbox.gcpServiceAccountKey();
    return new ConfigResolver(
        Map.of(),
        name -> name.equals(KEY_SECRET) ? Optional.of(SecretValue.of(key)) : Optional.empty());
  }

  static List<String> cents(List<CostRow> rows) {
    return rows.stream()
        .map(
            r ->
                r.accountKey().value()
                    + "|"
                    + r.rowKey()
                    + "|"
                    + r.amount().setScale(2).toPlainString()
                    + "|"
                    + r.currency())
        .sorted()
        .toList();
  }

  static List<String> generated(CostWindow window) {
    return sandbox.estate().gcpCosts().costs(window.start(), window.end()).stream()
        .map(
            c ->
                "gcp#"
                    + c.accountId()
                    + "|"
                    + c.date()
                    + "#"
                    + c.service()
                    + "|"
                    + c.amount().toPlainString()
                    + "|USD")
        .sorted()
        .toList();
  }

  static long pages(CostWindow window) {
    return (generated(window).size() + PAGE_ROWS - 1) / PAGE_ROWS;
  }

  /** Requests that read result pages: the query's first page, then tabledata.list per page. */
  static long pageRequests() {
    return sandbox.counters().calls(GcpRoute.BIGQUERY_QUERY)
        + sandbox.counters().calls(GcpRoute.BIGQUERY_LIST_TABLE_DATA);
  }

  @Test
  void sync_storesEveryProjectsCost_toTheCent_fromOneQueryForTheExport() {
    CostSyncResult result = sync.sync(source);
    CostWindow window = sync.defaultWindow();
    assertThat(cents(store.rows(window))).containsExactlyElementsOf(generated(window));
    assertThat(result.accounts()).hasSize(3);
    assertThat(result.written()).isEqualTo(generated(window).size());
    // One query for the three projects; each further page one tabledata.list.
    assertThat(sandbox.counters().calls(GcpRoute.BIGQUERY_QUERY)).isEqualTo(1);
    assertThat(pages(window)).isGreaterThan(1);
    assertThat(result.requests()).isEqualTo(pages(window)).isEqualTo(pageRequests());
  }

  @Test
  void sync_sameWindowAgain_writesZeroRows() {
    CostSyncResult first = sync.sync(source);
    long written = store.rowsWritten();
    CostSyncResult again = sync.sync(source);
    assertThat(first.written()).isPositive();
    assertThat(again.written()).isZero();
    assertThat(again.unchanged()).isEqualTo(first.fetched());
    assertThat(store.rowsWritten()).isEqualTo(written);
  }

  @Test
  void sync_afterARevision_updatesExactlyTheRevisedDaysRows() {
    sync.sync(source);
    LocalDate revised = LocalDate.parse("2026-03-30");
    sandbox.estate().gcpCosts().revise(List.of(revised));
    long revisedRows = sandbox.estate().gcpCosts().costs(revised, revised.plusDays(1)).size();
    long before = store.rowsWritten();
    CostSyncResult after = sync.sync(source);
    assertThat(after.written()).isEqualTo(revisedRows).isPositive();
    assertThat(store.rowsWritten() - before).isEqualTo(revisedRows);
    CostWindow window = sync.defaultWindow();
    assertThat(cents(store.rows(window))).containsExactlyElementsOf(generated(window));
  }

  @Test
  void sync_whenBigQueryRateLimits_retriesToCompletion() {
    sandbox
        .faults()
        .replace(FaultPlan.parse("jobs.query:throttle=first2;tabledata.list:throttle=first1"));
    CostSyncResult result = sync.sync(source);
    CostWindow window = sync.defaultWindow();
    assertThat(cents(store.rows(window))).containsExactlyElementsOf(generated(window));
    assertThat(sandbox.counters().injectedFaults(GcpRoute.BIGQUERY_QUERY)).isEqualTo(2);
    assertThat(sandbox.counters().injectedFaults(GcpRoute.BIGQUERY_LIST_TABLE_DATA)).isEqualTo(1);
    assertThat(result.requests()).isEqualTo(pages(window));
    assertThat(pageRequests()).isEqualTo(pages(window) + 3);
  }

  @Test
  void fetch_rowsCarryTheProjectsKey_andTheRecentDaysAreEstimated() {
    CostWindow window = sync.defaultWindow();
    List<CostRow> rows = source.fetch(window).rows();
    LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.accountKey().value()).startsWith("gcp#cl-sandbox-");
              assertThat(r.estimated()).isEqualTo(!r.date().isBefore(today.minusDays(2)));
            });
  }

  @Test
  void fetch_ofATableThatIsNotTheExport_isPermanentNotFound() {
    GcpSession other =
        session("cl-sandbox-nothere.billing.gcp_billing_export_v1_000000_000000_000000");
    GcpBillingExportCostSource wrong =
        GcpBillingExportCostSource.forSession(other, resolver(), clients, PAGE_ROWS, CLOCK)
            .orElseThrow();
    assertThatThrownBy(() -> wrong.fetch(sync.defaultWindow()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("404");
  }

  @Test
  void sql_sumsCostAndCreditsAsNumeric_overTheConfiguredTable_withDateParameters() {
    assertThat(source.sql())
        .contains("FROM `" + source.table() + "`")
        .contains("SUM(CAST(cost AS NUMERIC))")
        .contains("FROM UNNEST(credits)")
        .contains("service.description")
        .contains("project.id")
        .contains("@start")
        .contains("@end");
  }
}
