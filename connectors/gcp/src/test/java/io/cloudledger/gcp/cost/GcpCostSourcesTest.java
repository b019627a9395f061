package io.cloudledger.gcp.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.cost.InMemoryCostStore;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.core.worker.KindResult;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.gcp.GcpRoute;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One query per billing export per run, however many projects and sessions share it. */
class GcpCostSourcesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T09:00:00Z"), ZoneOffset.UTC);
  static Sandbox sandbox;
  static List<String> projects;
  static String table;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withGcpProjects(3));
    projects = sandbox.estate().gcp().projects().stream().map(GcpProject::projectId).toList();
    table = sandbox.estate().gcp().billingExportTable().orElseThrow();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static String session(String name, List<String> projectIds, String exportTable) {
    return "  - name: "
        + name
        + "\n    session_type: gcp\n    credentials: SEC/key\n    project_ids: ["
        + String.join(", ", projectIds)
        + "]\n    endpoint_url: "
        + sandbox.gcpEndpoint()
        + "\n"
        + (exportTable == null ? "" : "    billing_export_table: " + exportTable + "\n");
  }

  static GcpCostSources sources(String sessions) {
    CloudledgerConfig config =
        ConfigLoader.parse("cloud_sessions:\n" + sessions, Path.of("cloudledger.yaml"));
    String key = sandbox.gcpServiceAccountKey();
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of(), n -> n.equals("key") ? Optional.of(SecretValue.of(key)) : Optional.empty());
    return GcpCostSources.create(config, resolver, GcpClientSettings.defaults(), 100, CLOCK);
  }

  static AccountKey key(String projectId) {
    return AccountKey.parse("gcp#" + projectId);
  }

  @Test
  void costKind_forEveryProjectOfTwoSessionsSharingTheExport_sendsOneQuery() {
    // The export lives in the first project; the second session names the same table.
    GcpCostSources sources =
        sources(
            session("a", projects.subList(0, 2), table)
                + session("b", projects.subList(2, 3), table));
    assertThat(sources.owners()).containsExactly(key(projects.get(0)));
    InMemoryCostStore store = new InMemoryCostStore();
    CostKindSync kind = new CostKindSync(sources, new CostSync(store, CLOCK));
    sandbox.counters().reset();
    for (String project : projects) {
      KindResult result =
          kind.sync(
              SyncRequest.of("req", key(project), Set.of(SyncKind.COST), "test", CLOCK.instant()));
      assertThat(result.status())
          .isEqualTo(project.equals(projects.get(0)) ? "SUCCEEDED" : CostKindSync.COVERED);
    }
    assertThat(sandbox.counters().calls(GcpRoute.BIGQUERY_QUERY)).isEqualTo(1);
    CostWindow window = CostWindow.lastDays(CLOCK, CostSync.DEFAULT_DAYS);
    assertThat(store.rows(window))
        .extracting(r -> r.accountKey().accountId())
        .containsAll(projects);
    assertThat(store.rows(window))
        .hasSize(sandbox.estate().gcpCosts().costs(window.start(), window.end()).size());
  }

  @Test
  void coverage_whenTheTablesProjectIsNotListed_ownerIsTheSessionsFirstProject() {
    GcpCostSources sources = sources(session("a", projects.subList(1, 3), table));
    assertThat(sources.owners()).containsExactly(key(projects.get(1)));
    assertThat(sources.coverage(key(projects.get(2))))
        .isInstanceOfSatisfying(
            CostCoverage.CoveredBy.class,
            c -> assertThat(c.coveringSource()).contains(table).contains(projects.get(1)));
  }

  @Test
  void coverage_ofASessionWithoutExport_isNotCovered_andAnUnknownProjectIsPermanent() {
    GcpCostSources sources = sources(session("a", projects, null));
    assertThat(sources.owners()).isEmpty();
    assertThat(sources.coverage(key(projects.get(0))))
        .isInstanceOfSatisfying(
            CostCoverage.NotCovered.class,
            n -> assertThat(n.reason()).contains("billing_export_table"));
    assertThatThrownBy(() -> sources.coverage(key("not-configured-1")))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("not-configured-1");
  }
}
