package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.ACCOUNT_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.EXPIRES_AT;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.REQUEST_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncRunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@link SyncRunStore} on DynamoDB (table {@code <prefix>sync-runs}, see {@link
 * CloudledgerTables#SYNC_RUNS}): one item per (request id, account key) holding the run as JSON,
 * expiring {@code retention} after the run finished.
 */
public final class DynamoDbSyncRunStore implements SyncRunStore {
  /** How long runs stay queryable by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

  private static final String RUN = "run";

  private final DynamoDbClient client;
  private final String table;
  private final Duration retention;
  private final StoreCounters counters = new StoreCounters();
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public DynamoDbSyncRunStore(DynamoDbClient client, String tablePrefix, Duration retention) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = CloudledgerTables.SYNC_RUNS.tableName(tablePrefix);
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, got " + retention);
    }
  }

  /** A store on {@code <tablePrefix>sync-runs} keeping runs for 90 days. */
  public static DynamoDbSyncRunStore create(DynamoDbClient client, String tablePrefix) {
    return new DynamoDbSyncRunStore(client, tablePrefix, DEFAULT_RETENTION);
  }

  public String tableName() {
    return table;
  }

  @Override
  public void save(SyncRun run) {
    Map<String, AttributeValue> item =
        Map.of(
            REQUEST_ID, AttributeValue.fromS(run.requestId()),
            ACCOUNT_KEY, AttributeValue.fromS(run.account().value()),
            RUN, AttributeValue.fromS(toJson(run)),
            EXPIRES_AT,
                AttributeValue.fromN(
                    Long.toString(run.finishedAt().plus(retention).getEpochSecond())));
    try {
      client.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    } catch (SdkException e) {
      throw DynamoDbErrors.map("PutItem", table, e);
    }
  }

  @Override
  public Optional<SyncRun> find(String requestId, AccountKey account) {
    GetItemResponse response;
    try {
      response =
          client.getItem(
              GetItemRequest.builder()
                  .tableName(table)
                  .consistentRead(true)
                  .key(
                      Map.of(
                          REQUEST_ID,
                          AttributeValue.fromS(requestId),
                          ACCOUNT_KEY,
                          AttributeValue.fromS(account.value())))
                  .build());
    } catch (SdkException e) {
      throw DynamoDbErrors.map("GetItem", table, e);
    }
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(fromJson(response.item()))
        : Optional.empty();
  }

  /** The runs of a request in account-key order: the sort key's order. */
  @Override
  public List<SyncRun> findByRequestId(String requestId) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", REQUEST_ID))
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(requestId)))
            .build();
    List<SyncRun> runs = new ArrayList<>();
    new PagedQuery(client, request, counters).forEachRemaining(item -> runs.add(fromJson(item)));
    return List.copyOf(runs);
  }

  private String toJson(SyncRun run) {
    try {
      return json.writeValueAsString(run);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot serialize the run of " + run.requestId() + "/" + run.account(), e);
    }
  }

  private SyncRun fromJson(Map<String, AttributeValue> item) {
    String key = item.get(REQUEST_ID).s() + "/" + item.get(ACCOUNT_KEY).s();
    AttributeValue run = item.get(RUN);
    if (run == null || run.s() == null) {
      throw new IllegalStateException("sync run item " + key + " has no '" + RUN + "' attribute");
    }
    try {
      return json.readValue(run.s(), SyncRun.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "sync run item " + key + " holds JSON this version cannot read", e);
    }
  }
}
