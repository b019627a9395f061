package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.ACCOUNT_KEY;

import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostStore;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@link CostStore} on DynamoDB (table {@code <prefix>costs}, see {@link
 * CloudledgerTables#COSTS}): one item per (account, {@code date#service}), amounts as DynamoDB
 * numbers (exact decimals, never a double). Writes go out as {@code BatchWriteItem} calls of 25,
 * like the inventory's; an account's window is one paged query of its partition, a window across
 * accounts one query per day of the {@link CloudledgerTables#COSTS_BY_DATE} index.
 */
public final class DynamoDbCostStore implements CostStore {
  static final String SERVICE = "service";
  static final String AMOUNT = "amount";
  static final String CURRENCY = "currency";
  static final String ESTIMATED = "estimated";

  /** How long a day's rows are kept: three years of history, then DynamoDB drops them for free. */
  public static final Period RETENTION = Period.ofYears(3);

  private final DynamoDbClient client;
  private final String table;
  private final StoreCounters counters = new StoreCounters();
  private final BatchWriter writer;

  public DynamoDbCostStore(
      DynamoDbClient client, String tablePrefix, BatchRetry retry, int parallelism) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = CloudledgerTables.COSTS.tableName(tablePrefix);
    this.writer = new BatchWriter(client, table, counters, retry, parallelism);
  }

  /**
   * A store on {@code <tablePrefix>costs} with the default batch retries and 4 writes in flight.
   */
  public static DynamoDbCostStore create(DynamoDbClient client, String tablePrefix) {
    return new DynamoDbCostStore(client, tablePrefix, BatchRetry.defaults(), 4);
  }

  public String tableName() {
    return table;
  }

  /** What the store has done so far. */
  public DynamoDbStoreMetrics metrics() {
    return counters.snapshot();
  }

  @Override
  public List<CostRow> rows(AccountKey account, CostWindow window) {
    // "2026-03-01" <= "2026-03-01#svc" and "2026-03-31#svc" > "2026-03-31": BETWEEN the two
    // bare dates selects exactly the days start..end-1.
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
            .expressionAttributeNames(
                Map.of("#pk", ACCOUNT_KEY, "#sk", CloudledgerTables.DATE_SERVICE))
            .expressionAttributeValues(
                Map.of(
                    ":pk", AttributeValue.fromS(account.value()),
                    ":from", AttributeValue.fromS(window.start().toString()),
                    ":to", AttributeValue.fromS(window.end().toString())))
            .build();
    List<CostRow> rows = new ArrayList<>();
    new PagedQuery(client, request, counters).forEachRemaining(item -> rows.add(row(item)));
    return rows;
  }

  @Override
  public List<CostRow> rows(CostWindow window) {
    List<CostRow> rows = new ArrayList<>();
    for (LocalDate day = window.start(); day.isBefore(window.end()); day = day.plusDays(1)) {
      QueryRequest request =
          QueryRequest.builder()
              .tableName(table)
              .indexName(CloudledgerTables.COSTS_BY_DATE)
              .keyConditionExpression("#pk = :pk")
              .expressionAttributeNames(Map.of("#pk", CloudledgerTables.COST_DATE))
              .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(day.toString())))
              .build();
      new PagedQuery(client, request, counters).forEachRemaining(item -> rows.add(row(item)));
    }
    rows.sort(Comparator.comparing(CostRow::accountKey).thenComparing(CostRow::rowKey));
    return rows;
  }

  @Override
  public void upsert(List<CostRow> rows) {
    // A key twice in one BatchWriteItem is a validation error; the last row wins.
    Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    for (CostRow row : rows) {
      items.put(row.accountKey().value() + CostRow.KEY_SEPARATOR + row.rowKey(), item(row));
    }
    writer.putAll(new ArrayList<>(items.values()));
  }

  static Map<String, AttributeValue> item(CostRow row) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(ACCOUNT_KEY, AttributeValue.fromS(row.accountKey().value()));
    item.put(CloudledgerTables.DATE_SERVICE, AttributeValue.fromS(row.rowKey()));
    item.put(CloudledgerTables.COST_DATE, AttributeValue.fromS(row.date().toString()));
    item.put(
        CloudledgerTables.ACCOUNT_SERVICE,
        AttributeValue.fromS(row.accountKey().value() + CostRow.KEY_SEPARATOR + row.service()));
    item.put(SERVICE, AttributeValue.fromS(row.service()));
    item.put(AMOUNT, AttributeValue.fromN(row.amount().toPlainString()));
    item.put(CURRENCY, AttributeValue.fromS(row.currency()));
    item.put(ESTIMATED, AttributeValue.fromBool(row.estimated()));
    long expires = row.date().plus(RETENTION).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    item.put(CloudledgerTables.EXPIRES_AT, AttributeValue.fromN(Long.toString(expires)));
    return item;
  }

  static CostRow row(Map<String, AttributeValue> item) {
    return new CostRow(
        AccountKey.parse(item.get(ACCOUNT_KEY).s()),
        LocalDate.parse(item.get(CloudledgerTables.COST_DATE).s()),
        item.get(SERVICE).s(),
        new BigDecimal(item.get(AMOUNT).n()),
        item.get(CURRENCY).s(),
        Boolean.TRUE.equals(item.get(ESTIMATED).bool()));
  }
}
