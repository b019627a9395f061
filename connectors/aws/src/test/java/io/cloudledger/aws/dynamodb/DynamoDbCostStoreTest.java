package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynamoDbLocal.class)
class DynamoDbCostStoreTest {
  static final AccountKey A = AccountKey.parse("aws#111111111111");
  static final AccountKey B = AccountKey.parse("azure#sub-1");
  final CallCounter calls = new CallCounter();
  DynamoDbCostStore store;

  @BeforeEach
  void create() {
    DynamoDbClient client = DynamoDbLocal.client(calls);
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    store = DynamoDbCostStore.create(client, prefix);
  }

  static CostRow row(AccountKey account, String date, String service, String amount) {
    return new CostRow(
        account, LocalDate.parse(date), service, CostRow.parseAmount(amount), "USD", false);
  }

  static CostWindow window(String start, String end) {
    return new CostWindow(LocalDate.parse(start), LocalDate.parse(end));
  }

  @Test
  void upsert_thenRows_roundTripsAmountsExactly() {
    List<CostRow> rows =
        List.of(
            row(A, "2026-03-01", "AWS Lambda", "0.1"),
            row(A, "2026-03-01", "Tax", "12345678901234567890.0123456789"),
            row(A, "2026-03-02", "AWS Lambda", "1200.0000000000"));
    store.upsert(rows);
    List<CostRow> read = store.rows(A, window("2026-03-01", "2026-03-03"));
    assertThat(read).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(read)
        .extracting(r -> r.amount().toPlainString())
        .containsExactlyInAnyOrder("0.1", "12345678901234567890.0123456789", "1200");
  }

  @Test
  void rowsOfAnAccount_selectExactlyTheWindowsDays() {
    store.upsert(
        List.of(
            row(A, "2026-02-28", "S", "1"),
            row(A, "2026-03-01", "S", "2"),
            row(A, "2026-03-31", "S", "3"),
            row(A, "2026-04-01", "S", "4"),
            row(B, "2026-03-01", "S", "5")));
    assertThat(store.rows(A, window("2026-03-01", "2026-04-01")))
        .extracting(r -> r.amount().toPlainString())
        .containsExactly("2", "3");
  }

  @Test
  void rowsAcrossAccounts_readOneIndexQueryPerDay() {
    store.upsert(
        List.of(
            row(A, "2026-03-01", "S", "1"),
            row(B, "2026-03-02", "VMs", "2"),
            row(B, "2026-03-05", "VMs", "9")));
    long before = calls.calls("Query");
    assertThat(store.rows(window("2026-03-01", "2026-03-04")))
        .extracting(CostRow::accountKey)
        .containsExactly(A, B);
    assertThat(calls.calls("Query") - before).isEqualTo(3);
  }

  @Test
  void upsert_writesInBatchesOf25_andReplacesRows() {
    List<CostRow> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(row(A, "2026-03-01", "service-" + i, "1.00"));
    }
    store.upsert(rows);
    assertThat(store.metrics().batchWriteCalls()).isEqualTo(3);
    store.upsert(List.of(row(A, "2026-03-01", "service-0", "2.50")));
    assertThat(store.rows(A, window("2026-03-01", "2026-03-02")))
        .filteredOn(r -> r.service().equals("service-0"))
        .extracting(CostRow::amount)
        .containsExactly(new BigDecimal("2.5"));
    assertThat(store.metrics().itemsWritten()).isEqualTo(61);
  }
}
