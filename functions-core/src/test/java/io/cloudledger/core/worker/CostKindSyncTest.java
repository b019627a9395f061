package io.cloudledger.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostFetch;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSource;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.cost.InMemoryCostStore;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CostKindSyncTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T09:00:00Z"), ZoneOffset.UTC);
  static final AccountKey PAYER = AccountKey.parse("aws#111111111111");
  static final AccountKey MEMBER = AccountKey.parse("aws#222222222222");
  static final AccountKey SUBSCRIPTION =
      AccountKey.parse("azure#00000000-0000-0000-0000-000000000001");

  /** A payer's source: one row per covered account for the window's first day; counts fetches. */
  static final class PayerSource implements CostSource, AutoCloseable {
    final AtomicInteger fetches = new AtomicInteger();
    boolean closed;

    @Override
    public String describe() {
      return "aws payer " + PAYER;
    }

    @Override
    public CostFetch fetch(CostWindow window) {
      fetches.incrementAndGet();
      return new CostFetch(
          List.of(
              new CostRow(PAYER, window.start(), "EC2", new BigDecimal("1.10"), "USD", false),
              new CostRow(MEMBER, window.start(), "EC2", new BigDecimal("2.20"), "USD", false)),
          1);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  final PayerSource payer = new PayerSource();
  final InMemoryCostStore store = new InMemoryCostStore();

  final CostSources aws =
      new CostSources() {
        @Override
        public CostCoverage coverage(AccountKey account) {
          if (account.equals(PAYER)) {
            return new CostCoverage.Owner(() -> payer);
          }
          if (account.equals(MEMBER)) {
            return new CostCoverage.CoveredBy("aws payer " + PAYER);
          }
          throw new PermanentException("unknown-account", "no session reads " + account);
        }

        @Override
        public List<AccountKey> owners() {
          return List.of(PAYER);
        }
      };

  final CostKindSync kind =
      new CostKindSync(
          CostSources.byProvider(Map.of(Provider.AWS, aws)), new CostSync(store, CLOCK));

  static SyncRequest request(AccountKey account) {
    return SyncRequest.of("req-1", account, Set.of(SyncKind.COST), "test", CLOCK.instant());
  }

  @Test
  void sync_ofTheOwner_runsItsQueryForEveryCoveredAccount_andClosesTheSource() {
    KindResult result = kind.sync(request(PAYER));
    assertThat(result).isEqualTo(new KindResult("SUCCEEDED", 2, 2));
    assertThat(store.rows(CostWindow.lastDays(CLOCK, 30))).hasSize(2);
    assertThat(payer.fetches).hasValue(1);
    assertThat(payer.closed).isTrue();
  }

  @Test
  void sync_ofACoveredAccount_makesNoCall_andReportsCovered() {
    KindResult result = kind.sync(request(MEMBER));
    assertThat(result).isEqualTo(new KindResult(CostKindSync.COVERED, 0, 0));
    assertThat(payer.fetches).hasValue(0);
    assertThat(store.rowsWritten()).isZero();
  }

  @Test
  void sync_ofAProviderWithoutSources_isNotCovered() {
    assertThat(kind.sync(request(SUBSCRIPTION)).status()).isEqualTo(CostKindSync.NOT_COVERED);
  }

  @Test
  void sync_ofAnUnknownAccount_isPermanent() {
    assertThatThrownBy(() -> kind.sync(request(AccountKey.parse("aws#333333333333"))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("333333333333");
  }

  @Test
  void status_ofACostOnlyRequest_comesFromTheWorkersStoredResult() {
    var idempotencyStore = new io.cloudledger.core.idempotency.InMemoryIdempotencyStore(CLOCK);
    SyncWorker worker =
        new SyncWorker(
            new io.cloudledger.core.idempotency.Idempotency(
                idempotencyStore,
                CLOCK,
                io.cloudledger.core.idempotency.IdempotencySettings.forWorkerTimeout(
                    java.time.Duration.ofMinutes(15))),
            Map.of(SyncKind.COST, kind));
    var log = new io.cloudledger.core.dispatch.InMemorySyncRequestLog();
    log.accepted(
        new io.cloudledger.core.dispatch.AcceptedRequest(
            "req-1", "test", Set.of(SyncKind.COST), CLOCK.instant(), List.of(PAYER, MEMBER)));
    var query =
        new io.cloudledger.core.dispatch.SyncStatusQuery(
            log, new io.cloudledger.core.sync.InMemorySyncRunStore(), idempotencyStore, CLOCK);
    assertThat(query.status("req-1").orElseThrow().accounts())
        .extracting(a -> a.status())
        .containsExactly("QUEUED", "QUEUED");

    worker.process(request(PAYER));
    worker.process(request(MEMBER));

    // No sync run is recorded for cost: the status is the worker's, not QUEUED forever.
    assertThat(query.status("req-1").orElseThrow().accounts())
        .containsExactly(
            new io.cloudledger.core.dispatch.AccountSyncStatus(PAYER, "SUCCEEDED", 2, 2, ""),
            new io.cloudledger.core.dispatch.AccountSyncStatus(
                MEMBER, CostKindSync.COVERED, 0, 0, ""));
  }

  @Test
  void syncKind_cost_travelsAsItsKey() {
    assertThat(SyncKind.fromKey("cost")).isEqualTo(SyncKind.COST);
    assertThat(SyncKind.COST.key()).isEqualTo("cost");
  }
}
