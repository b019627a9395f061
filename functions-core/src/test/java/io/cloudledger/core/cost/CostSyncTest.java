package io.cloudledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostSyncTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T10:00:00Z"), ZoneOffset.UTC);
  static final AccountKey A = AccountKey.parse("aws#111111111111");
  static final AccountKey B = AccountKey.parse("aws#222222222222");

  /** A source returning whatever rows the test sets, counting fetches. */
  static final class ScriptedCostSource implements CostSource {
    List<CostRow> rows = new ArrayList<>();
    int fetches;
    CostWindow lastWindow;

    @Override
    public String describe() {
      return "scripted";
    }

    @Override
    public CostFetch fetch(CostWindow window) {
      fetches++;
      lastWindow = window;
      return new CostFetch(rows, 2);
    }
  }

  static CostRow row(AccountKey account, String date, String service, String amount) {
    return new CostRow(
        account, LocalDate.parse(date), service, CostRow.parseAmount(amount), "USD", false);
  }

  private final InMemoryCostStore store = new InMemoryCostStore();
  private final CostSync sync = new CostSync(store, CLOCK);
  private final ScriptedCostSource source = new ScriptedCostSource();

  @Test
  void sync_firstRun_writesEveryRowOfEveryAccount() {
    source.rows.addAll(
        List.of(
            row(A, "2026-03-30", "AWS Lambda", "1.10"),
            row(A, "2026-03-31", "AWS Lambda", "2.20"),
            row(B, "2026-03-31", "Amazon S3", "0.01")));
    CostSyncResult result = sync.sync(source);
    assertThat(result.written()).isEqualTo(3);
    assertThat(result.unchanged()).isZero();
    assertThat(result.accounts()).containsExactlyInAnyOrder(A, B);
    assertThat(result.requests()).isEqualTo(2);
    assertThat(store.rows(sync.defaultWindow())).containsExactlyInAnyOrderElementsOf(source.rows);
  }

  @Test
  void defaultWindow_isTheLast30DaysThroughToday() {
    sync.sync(source);
    assertThat(source.lastWindow)
        .isEqualTo(new CostWindow(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-04-01")));
    assertThat(source.lastWindow.days()).isEqualTo(30);
  }

  @Test
  void sync_sameWindowAgain_writesNothing() {
    source.rows.add(row(A, "2026-03-30", "AWS Lambda", "1.10"));
    sync.sync(source);
    long before = store.rowsWritten();
    // The provider pads zeros differently the second time: still the same amount.
    source.rows.set(0, row(A, "2026-03-30", "AWS Lambda", "1.1000000000"));
    CostSyncResult again = sync.sync(source);
    assertThat(again.written()).isZero();
    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(store.rowsWritten()).isEqualTo(before);
  }

  @Test
  void sync_whenADayIsRevised_writesOnlyThatRow() {
    source.rows.addAll(
        List.of(row(A, "2026-03-29", "AWS Lambda", "1"), row(A, "2026-03-30", "AWS Lambda", "2")));
    sync.sync(source);
    source.rows.set(1, row(A, "2026-03-30", "AWS Lambda", "2.01"));
    CostSyncResult revised = sync.sync(source);
    assertThat(revised.written()).isEqualTo(1);
    assertThat(revised.unchanged()).isEqualTo(1);
    assertThat(store.rows(A, sync.defaultWindow()))
        .extracting(CostRow::amount)
        .containsExactlyInAnyOrder(new BigDecimal("1"), new BigDecimal("2.01"));
  }

  @Test
  void sync_whenEstimateBecomesFinal_rewritesTheRow() {
    CostRow estimated =
        new CostRow(A, LocalDate.parse("2026-03-31"), "AWS Lambda", BigDecimal.TEN, "USD", true);
    source.rows.add(estimated);
    sync.sync(source);
    source.rows.set(
        0, new CostRow(A, estimated.date(), "AWS Lambda", new BigDecimal("10.00"), "USD", false));
    assertThat(sync.sync(source).written()).isEqualTo(1);
    assertThat(store.rows(A, sync.defaultWindow()).get(0).estimated()).isFalse();
  }

  @Test
  void sync_ignoresRowsOutsideTheWindow() {
    source.rows.addAll(
        List.of(row(A, "2026-01-01", "AWS Lambda", "5"), row(A, "2026-03-31", "AWS Lambda", "1")));
    CostSyncResult result = sync.sync(source);
    assertThat(result.fetched()).isEqualTo(1);
    assertThat(
            store.rows(
                A, new CostWindow(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-04-01"))))
        .hasSize(1);
  }
}
