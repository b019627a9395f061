package io.cloudledger.aws.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbStoreMetrics;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostSyncResult;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.DailyCost;
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
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole AWS cost path with real parts: the sandbox's Cost Explorer through the real SDK client,
 * the core CostSync, and the DynamoDB cost store on DynamoDB Local.
 */
@ExtendWith(DynamoDbLocal.class)
class AwsCostSyncTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T09:00:00Z"), ZoneOffset.UTC);
  static final AwsClientSettings FAST =
      AwsClientSettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));

  static Sandbox sandbox;
  static DynamoDbClient dynamoDb;

  DynamoDbCostStore store;
  CostSync sync;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(4).withSeed(7));
    dynamoDb = DynamoDbLocal.client();
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

  void freshStore() {
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(dynamoDb, prefix);
    store = DynamoDbCostStore.create(dynamoDb, prefix);
    sync = new CostSync(store, CLOCK);
  }

  /** The payer's session as a user writes it: management keys from the environment. */
  static AwsSession payerSession() {
    String yaml =
        "cloud_sessions:\n"
            + "  - name: payer\n"
            + "    session_type: aws\n"
            + "    access_key_id: ENV/KEY_ID\n"
            + "    secret_access_key: ENV/SECRET\n"
            + "    endpoint_url: "
            + sandbox.endpoints().aws()
            + "\n    cost_explorer: true\n";
    return (AwsSession) ConfigLoader.parse(yaml, Path.of("test.yaml")).sessions().get(0);
  }

  static AwsCostSource payer() {
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of(
                "KEY_ID", sandbox.managementKeys().accessKeyId(),
                "SECRET", sandbox.managementKeys().secretAccessKey()),
            SecretLookup.none());
    return AwsCostSource.create(payerSession(), resolver, AwsCostSettings.defaults(), FAST);
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
    return sandbox.estate().costs().costs(window.start(), window.end()).stream()
        .map(
            c ->
                "aws#"
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
    int groups = sandbox.estate().costs().costs(window.start(), window.end()).size();
    return (groups + 99) / 100; // the sandbox's page size
  }

  @Test
  void sync_storesEveryLinkedAccountsCost_toTheCent_withOneRequestPerPage() {
    freshStore();
    try (AwsCostSource source = payer()) {
      CostSyncResult result = sync.sync(source);
      CostWindow window = sync.defaultWindow();
      assertThat(cents(store.rows(window))).containsExactlyElementsOf(generated(window));
      assertThat(result.accounts()).hasSize(4);
      assertThat(result.written()).isEqualTo(result.fetched()).isEqualTo(generated(window).size());
      // One payer: requests = pages, however many linked accounts.
      assertThat(pages(window)).isGreaterThan(1);
      assertThat(result.requests()).isEqualTo(pages(window));
      assertThat(sandbox.counters().calls("GetCostAndUsage")).isEqualTo(pages(window));
      String management = sandbox.estate().managementAccount().accountId();
      assertThat(sandbox.counters().calls("GetCostAndUsage", management)).isEqualTo(pages(window));
    }
  }

  @Test
  void sync_sameWindowAgain_writesZeroRows() {
    freshStore();
    try (AwsCostSource source = payer()) {
      sync.sync(source);
      DynamoDbStoreMetrics before = store.metrics();
      CostSyncResult again = sync.sync(source);
      DynamoDbStoreMetrics delta = store.metrics().minus(before);
      assertThat(again.written()).isZero();
      assertThat(again.unchanged()).isEqualTo(again.fetched());
      assertThat(delta.itemsWritten()).isZero();
      assertThat(delta.batchWriteCalls()).isZero();
      // One partition read per linked account, whatever the number of rows.
      assertThat(delta.queryCalls()).isEqualTo(4);
    }
  }

  @Test
  void sync_afterARevision_updatesExactlyTheRevisedDays() {
    freshStore();
    try (AwsCostSource source = payer()) {
      sync.sync(source);
      LocalDate revised = LocalDate.parse("2026-03-30");
      sandbox.estate().costs().revise(List.of(revised));
      long revisedRows = sandbox.estate().costs().costs(revised, revised.plusDays(1)).size();
      CostSyncResult after = sync.sync(source);
      assertThat(after.written()).isEqualTo(revisedRows);
      CostWindow window = sync.defaultWindow();
      assertThat(cents(store.rows(window))).containsExactlyElementsOf(generated(window));
    }
  }

  @Test
  void sync_whenCostExplorerThrottles_retriesToCompletion() {
    freshStore();
    sandbox.faults().replace(FaultPlan.parse("GetCostAndUsage:throttle=every2"));
    try (AwsCostSource source = payer()) {
      CostSyncResult result = sync.sync(source);
      CostWindow window = sync.defaultWindow();
      assertThat(cents(store.rows(window))).containsExactlyElementsOf(generated(window));
      assertThat(sandbox.counters().injectedFaults("GetCostAndUsage")).isPositive();
      assertThat(result.requests()).isEqualTo(pages(window));
      assertThat(sandbox.counters().calls("GetCostAndUsage"))
          .isEqualTo(pages(window) + sandbox.counters().injectedFaults("GetCostAndUsage"));
    }
  }

  @Test
  void fetch_whenThrottledBeyondRetries_isRetryableNamingTheSession() {
    sandbox.faults().replace(FaultPlan.parse("GetCostAndUsage:throttle=1"));
    try (AwsCostSource source = payer()) {
      assertThatThrownBy(
              () ->
                  source.fetch(
                      new CostWindow(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"))))
          .isInstanceOf(io.cloudledger.core.error.RetryableException.class)
          .hasMessageContaining("GetCostAndUsage")
          .hasMessageContaining("session payer")
          .hasMessageContaining("LimitExceededException");
    }
  }

  @Test
  void fetch_whenDataIsUnavailable_isPermanent() {
    LocalDate longAgo = LocalDate.now(ZoneOffset.UTC).minusMonths(20);
    try (AwsCostSource source = payer()) {
      assertThatThrownBy(() -> source.fetch(new CostWindow(longAgo, longAgo.plusDays(1))))
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("DataUnavailableException");
    }
  }

  @Test
  void fetch_rowsCarryTheLinkedAccountsKey_andExactAmounts() {
    LocalDate day = LocalDate.parse("2026-02-14");
    try (AwsCostSource source = payer()) {
      List<CostRow> rows = source.fetch(new CostWindow(day, day.plusDays(1))).rows();
      DailyCost first = sandbox.estate().costs().costs(day, day.plusDays(1)).get(0);
      CostRow row = rows.get(0);
      assertThat(row.accountKey()).isEqualTo(AccountKey.parse("aws#" + first.accountId()));
      assertThat(row.service()).isEqualTo(first.service());
      assertThat(row.amount()).isEqualByComparingTo(first.amount());
    }
  }
}
