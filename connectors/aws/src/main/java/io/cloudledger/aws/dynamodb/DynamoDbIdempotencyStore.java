package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.EXPIRES_AT;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.ITEM_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.REQUEST_ID;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.REQUEST_ITEM;

import io.cloudledger.core.idempotency.Claim;
import io.cloudledger.core.idempotency.IdempotencyKey;
import io.cloudledger.core.idempotency.IdempotencyRecord;
import io.cloudledger.core.idempotency.IdempotencyStatus;
import io.cloudledger.core.idempotency.IdempotencyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@link IdempotencyStore} on DynamoDB (table {@code <prefix>sync-requests}, see {@link
 * CloudledgerTables#SYNC_REQUESTS}): partition key the group (request id), sort key the id (account
 * key). A claim is one conditional {@code PutItem}: it succeeds only where no record blocks, so two
 * concurrent deliveries cannot both win. DynamoDB's TTL removes records lazily, so records whose
 * {@code expiresAt} passed are treated as absent, here as in the condition.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
  private static final String STATUS = "status";
  private static final String IN_PROGRESS_UNTIL = "inProgressUntil";
  private static final String RESULT = "result";
  private static final String CLAIM_CONDITION =
      "attribute_not_exists(#pk) OR #exp <= :nowSeconds"
          + " OR (#status = :inProgress AND #until <= :nowMillis)";

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final StoreCounters counters = new StoreCounters();

  public DynamoDbIdempotencyStore(DynamoDbClient client, String tablePrefix, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = CloudledgerTables.SYNC_REQUESTS.tableName(tablePrefix);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String tableName() {
    return table;
  }

  @Override
  public Claim tryClaim(
      IdempotencyKey key, Instant now, Instant inProgressUntil, Instant expiresAt) {
    requireAccountItem(key);
    Map<String, AttributeValue> item = key(key);
    item.put(STATUS, AttributeValue.fromS(IdempotencyStatus.IN_PROGRESS.name()));
    item.put(IN_PROGRESS_UNTIL, millis(inProgressUntil));
    item.put(EXPIRES_AT, seconds(expiresAt));
    // A record can vanish between a failed claim and the read (released, expired): claim again.
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        client.putItem(
            PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(CLAIM_CONDITION)
                .expressionAttributeNames(
                    Map.of(
                        "#pk", REQUEST_ID,
                        "#exp", EXPIRES_AT,
                        "#status", STATUS,
                        "#until", IN_PROGRESS_UNTIL))
                .expressionAttributeValues(
                    Map.of(
                        ":nowSeconds", seconds(now),
                        ":nowMillis", millis(now),
                        ":inProgress", AttributeValue.fromS(IdempotencyStatus.IN_PROGRESS.name())))
                .build());
        return new Claim.Acquired();
      } catch (ConditionalCheckFailedException taken) {
        Optional<IdempotencyRecord> existing = find(key);
        if (existing.isPresent()) {
          return new Claim.Existing(existing.get());
        }
      } catch (SdkException e) {
        throw DynamoDbErrors.map("PutItem", table, e);
      }
    }
    throw new IllegalStateException(
        "the idempotency record " + key + " kept changing while it was claimed");
  }

  @Override
  public void complete(IdempotencyKey key, String result, Instant expiresAt) {
    requireAccountItem(key);
    Map<String, AttributeValue> item = key(key);
    item.put(STATUS, AttributeValue.fromS(IdempotencyStatus.COMPLETED.name()));
    item.put(IN_PROGRESS_UNTIL, millis(clock.instant()));
    item.put(RESULT, AttributeValue.fromS(result));
    item.put(EXPIRES_AT, seconds(expiresAt));
    try {
      client.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    } catch (SdkException e) {
      throw DynamoDbErrors.map("PutItem", table, e);
    }
  }

  @Override
  public void release(IdempotencyKey key) {
    try {
      client.deleteItem(
          DeleteItemRequest.builder()
              .tableName(table)
              .key(key(key))
              .conditionExpression("#status = :inProgress")
              .expressionAttributeNames(Map.of("#status", STATUS))
              .expressionAttributeValues(
                  Map.of(":inProgress", AttributeValue.fromS(IdempotencyStatus.IN_PROGRESS.name())))
              .build());
    } catch (ConditionalCheckFailedException completedMeanwhile) {
      // Nothing to release: the record is gone or completed.
    } catch (SdkException e) {
      throw DynamoDbErrors.map("DeleteItem", table, e);
    }
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyKey key) {
    GetItemResponse response;
    try {
      response = client.getItem(r -> r.tableName(table).consistentRead(true).key(key(key)));
    } catch (SdkException e) {
      throw DynamoDbErrors.map("GetItem", table, e);
    }
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return live(record(response.item()));
  }

  /** The group's records, without its accepted-request item (which sorts after them). */
  @Override
  public List<IdempotencyRecord> findGroup(String group) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND #sk < :request")
            .expressionAttributeNames(Map.of("#pk", REQUEST_ID, "#sk", ITEM_KEY))
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.fromS(group), ":request", AttributeValue.fromS("~")))
            .build();
    List<IdempotencyRecord> records = new ArrayList<>();
    new PagedQuery(client, request, counters)
        .forEachRemaining(item -> live(record(item)).ifPresent(records::add));
    return List.copyOf(records);
  }

  private Optional<IdempotencyRecord> live(IdempotencyRecord record) {
    return clock.instant().isBefore(record.expiresAt()) ? Optional.of(record) : Optional.empty();
  }

  private static IdempotencyRecord record(Map<String, AttributeValue> item) {
    IdempotencyKey key = new IdempotencyKey(item.get(REQUEST_ID).s(), item.get(ITEM_KEY).s());
    AttributeValue result = item.get(RESULT);
    return new IdempotencyRecord(
        key,
        IdempotencyStatus.valueOf(item.get(STATUS).s()),
        Instant.ofEpochMilli(Long.parseLong(item.get(IN_PROGRESS_UNTIL).n())),
        result == null ? "" : result.s(),
        Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
  }

  private static Map<String, AttributeValue> key(IdempotencyKey key) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(REQUEST_ID, AttributeValue.fromS(key.group()));
    item.put(ITEM_KEY, AttributeValue.fromS(key.id()));
    return item;
  }

  private static void requireAccountItem(IdempotencyKey key) {
    if (key.id().startsWith("~")) {
      // '~' ids are the table's own items (REQUEST_ITEM); a record there would overwrite one.
      throw new IllegalArgumentException(
          "idempotency ids must not start with '~' (reserved for " + REQUEST_ITEM + "): " + key);
    }
  }

  private static AttributeValue millis(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
  }

  private static AttributeValue seconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }
}
