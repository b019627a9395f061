package io.cloudledger.azure.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostSyncResult;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.cost.InMemoryCostStore;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Azure cost path with real parts: the sandbox's Cost Management query through the session's
 * real {@code ClientSecretCredential} and azure-core pipeline, and the core CostSync.
 */
class AzureCostSyncTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T09:00:00Z"), ZoneOffset.UTC);
  static final int PAGE_SIZE = 50;
  static final AzureClientSettings FAST =
      AzureClientSettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));

  static Sandbox sandbox;
  static AzureClients clients;

  InMemoryCostStore store = new InMemoryCostStore();
  CostSync sync = new CostSync(store, CLOCK);

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withAzure(
                    AzureSandboxOptions.none()
                        .withSubscriptions(2)
                        .withPageSize(PAGE_SIZE)
                        .withRetryAfterSeconds(1)));
    clients = clients(FAST);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
    sandbox.counters().reset();
  }

  /** The Azure session of the sandbox's own generated cloudledger.yaml, secret from the env. */
  static AzureClients clients(AzureClientSettings settings) {
    AzureSession session =
        (AzureSession)
            ConfigLoader.parse(sandbox.cloudledgerYaml(), Path.of("cloudledger.yaml"))
                .sessions(SessionType.AZURE)
                .getFirst();
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of("AZURE_CLIENT_SECRET", sandbox.azurePrincipal().clientSecret()),
            SecretLookup.none());
    return AzureClients.create(session, resolver, settings);
  }

  static List<AzureSubscription> subscriptions() {
    return sandbox.estate().azure().subscriptions();
  }

  static AzureCostSource source(AzureSubscription subscription) {
    return AzureCostSource.create(
        clients, subscription.subscriptionId(), AzureCostSettings.defaults(), CLOCK);
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

  static List<String> generated(AzureSubscription subscription, CostWindow window) {
    return sandbox
        .estate()
        .azureCosts()
        .costs(window.start(), window.end(), List.of(subscription.subscriptionId()))
        .stream()
        .map(
            c ->
                "azure#"
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

  static long pages(AzureSubscription subscription, CostWindow window) {
    return (generated(subscription, window).size() + PAGE_SIZE - 1) / PAGE_SIZE;
  }

  @Test
  void sync_storesEachSubscriptionsCost_toTheCent_withOneQueryPerPage() {
    CostWindow window = sync.defaultWindow();
    for (AzureSubscription subscription : subscriptions()) {
      CostSyncResult result = sync.sync(source(subscription));
      List<CostRow> stored =
          store.rows(window).stream()
              .filter(r -> r.accountKey().accountId().equals(subscription.subscriptionId()))
              .toList();
      assertThat(cents(stored)).containsExactlyElementsOf(generated(subscription, window));
      assertThat(result.written()).isEqualTo(generated(subscription, window).size());
      assertThat(pages(subscription, window)).isGreaterThan(1);
      assertThat(result.requests()).isEqualTo(pages(subscription, window));
      assertThat(sandbox.counters().calls(AzureRoute.QUERY_USAGE, subscription.subscriptionId()))
          .isEqualTo(pages(subscription, window));
    }
  }

  @Test
  void sync_marksTheRecentDaysEstimated_only() {
    sync.sync(source(subscriptions().get(0)));
    LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
    for (CostRow row : store.rows(sync.defaultWindow())) {
      assertThat(row.estimated()).isEqualTo(!row.date().isBefore(today.minusDays(2)));
    }
  }

  @Test
  void sync_sameWindowAgain_writesZeroRows() {
    AzureCostSource source = source(subscriptions().get(0));
    CostSyncResult first = sync.sync(source);
    long written = store.rowsWritten();
    CostSyncResult again = sync.sync(source);
    assertThat(first.written()).isPositive();
    assertThat(again.written()).isZero();
    assertThat(again.unchanged()).isEqualTo(again.fetched()).isEqualTo(first.fetched());
    assertThat(store.rowsWritten()).isEqualTo(written);
  }

  @Test
  void sync_afterARevision_updatesExactlyTheRevisedDaysRows() {
    AzureSubscription subscription = subscriptions().get(1);
    AzureCostSource source = source(subscription);
    sync.sync(source);
    LocalDate revised = LocalDate.parse("2026-03-29");
    sandbox.estate().azureCosts().revise(List.of(revised));
    long revisedRows =
        sandbox
            .estate()
            .azureCosts()
            .costs(revised, revised.plusDays(1), List.of(subscription.subscriptionId()))
            .size();
    long before = store.rowsWritten();
    CostSyncResult after = sync.sync(source);
    assertThat(after.written()).isEqualTo(revisedRows).isPositive();
    assertThat(store.rowsWritten() - before).isEqualTo(revisedRows);
    CostWindow window = sync.defaultWindow();
    assertThat(cents(store.rows(window)))
        .containsExactlyElementsOf(generated(subscription, window));
  }

  @Test
  void sync_whenCostManagementThrottles_waitsItsRetryAfterHeaders_andCompletes() {
    AzureSubscription subscription = subscriptions().get(0);
    sandbox
        .faults()
        .replace(
            FaultPlan.parse("Query_Usage@" + subscription.subscriptionId() + ":throttle=first2"));
    long started = System.nanoTime();
    CostSyncResult result = sync.sync(source(subscription));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    CostWindow window = sync.defaultWindow();
    assertThat(cents(store.rows(window)))
        .containsExactlyElementsOf(generated(subscription, window));
    assertThat(sandbox.counters().injectedFaults(AzureRoute.QUERY_USAGE)).isEqualTo(2);
    assertThat(sandbox.counters().calls(AzureRoute.QUERY_USAGE, subscription.subscriptionId()))
        .isEqualTo(pages(subscription, window) + 2);
    assertThat(result.requests()).isEqualTo(pages(subscription, window));
    // Backoff is 1 ms: only the 429's costmanagement retry-after (1 s, twice) explains this.
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fetch_whenThrottledBeyondRetries_isRetryableWithTheRetryAfter() {
    AzureSubscription subscription = subscriptions().get(0);
    sandbox.faults().replace(FaultPlan.parse("Query_Usage:throttle=1"));
    AzureCostSource source =
        AzureCostSource.create(
            clients(FAST.withMaxRetries(1)),
            subscription.subscriptionId(),
            AzureCostSettings.defaults(),
            CLOCK);
    assertThatThrownBy(() -> source.fetch(sync.defaultWindow()))
        .isInstanceOfSatisfying(
            RetryableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("throttled");
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            })
        .hasMessageContaining("Query_Usage")
        .hasMessageContaining("429")
        .hasMessageContaining(subscription.subscriptionId());
    assertThat(sandbox.counters().calls(AzureRoute.QUERY_USAGE, subscription.subscriptionId()))
        .isEqualTo(2);
  }

  @Test
  void fetch_withTheCostAggregation_readsTheCostColumn() {
    AzureSubscription subscription = subscriptions().get(0);
    LocalDate day = LocalDate.parse("2026-02-14");
    AzureCostSource source =
        AzureCostSource.create(
            clients,
            subscription.subscriptionId(),
            AzureCostSettings.defaults().withAggregation("Cost"),
            CLOCK);
    List<CostRow> rows = source.fetch(new CostWindow(day, day.plusDays(1))).rows();
    assertThat(cents(rows))
        .containsExactlyElementsOf(generated(subscription, new CostWindow(day, day.plusDays(1))));
  }

  @Test
  void fetch_whenDenied_isPermanentAccessDenied() {
    AzureSubscription subscription = subscriptions().get(0);
    sandbox.faults().replace(FaultPlan.parse("Query_Usage:deny"));
    assertThatThrownBy(() -> source(subscription).fetch(sync.defaultWindow()))
        .isInstanceOf(io.cloudledger.core.error.PermanentException.class)
        .hasMessageContaining("AuthorizationFailed");
  }
}
