package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.API_KEY_ITEM;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.ITEM_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.KEY_ID;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.KEY_NAME;

import io.cloudledger.core.auth.ApiKeyRecord;
import io.cloudledger.core.auth.ApiKeyScope;
import io.cloudledger.core.auth.ApiKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The {@link ApiKeyStore} on DynamoDB (table {@code <prefix>api-keys}, see {@link
 * CloudledgerTables#API_KEYS}): one item per key id with the key's Argon2id hash; names are found
 * through the {@code byName} index (eventually consistent, like every GSI).
 */
public final class DynamoDbApiKeyStore implements ApiKeyStore {
  private static final String SCOPES = "scopes";
  private static final String HASH = "hash";
  private static final String CREATED_AT = "createdAt";
  private static final String VALID_UNTIL = "validUntil";
  private static final String REVOKED_AT = "revokedAt";
  private static final String LAST_USED_AT = "lastUsedAt";

  private final DynamoDbClient client;
  private final String table;
  private final StoreCounters counters = new StoreCounters();

  public DynamoDbApiKeyStore(DynamoDbClient client, String tablePrefix) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = CloudledgerTables.API_KEYS.tableName(tablePrefix);
  }

  public String tableName() {
    return table;
  }

  @Override
  public void create(ApiKeyRecord record) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY_ID, AttributeValue.fromS(record.keyId()));
    item.put(ITEM_KEY, AttributeValue.fromS(API_KEY_ITEM));
    item.put(KEY_NAME, AttributeValue.fromS(record.name()));
    item.put(SCOPES, AttributeValue.fromS(ApiKeyScope.format(record.scopes())));
    item.put(HASH, AttributeValue.fromS(record.hash()));
    item.put(CREATED_AT, AttributeValue.fromS(record.createdAt().toString()));
    record.expiresAt().ifPresent(t -> item.put(VALID_UNTIL, AttributeValue.fromS(t.toString())));
    record.revokedAt().ifPresent(t -> item.put(REVOKED_AT, AttributeValue.fromS(t.toString())));
    record.lastUsedAt().ifPresent(t -> item.put(LAST_USED_AT, AttributeValue.fromS(t.toString())));
    try {
      client.putItem(
          r ->
              r.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#id)")
                  .expressionAttributeNames(Map.of("#id", KEY_ID)));
    } catch (ConditionalCheckFailedException e) {
      throw new IllegalStateException("API key id " + record.keyId() + " exists already", e);
    } catch (SdkException e) {
      throw DynamoDbErrors.map("PutItem", table, e);
    }
  }

  @Override
  public Optional<ApiKeyRecord> find(String keyId) {
    GetItemResponse response;
    try {
      response = client.getItem(r -> r.tableName(table).consistentRead(true).key(key(keyId)));
    } catch (SdkException e) {
      throw DynamoDbErrors.map("GetItem", table, e);
    }
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(fromItem(response.item()))
        : Optional.empty();
  }

  @Override
  public List<ApiKeyRecord> findByName(String name) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(CloudledgerTables.API_KEYS_BY_NAME)
            .keyConditionExpression("#n = :n")
            .expressionAttributeNames(Map.of("#n", KEY_NAME))
            .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name)))
            .build();
    List<ApiKeyRecord> records = new ArrayList<>();
    new PagedQuery(client, request, counters).forEachRemaining(item -> records.add(fromItem(item)));
    return newestFirst(records);
  }

  @Override
  public List<ApiKeyRecord> list() {
    List<ApiKeyRecord> records = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page;
      try {
        page = client.scan(request.build());
      } catch (SdkException e) {
        throw DynamoDbErrors.map("Scan", table, e);
      }
      page.items().forEach(item -> records.add(fromItem(item)));
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return newestFirst(records);
  }

  @Override
  public void markRevoked(String keyId, Instant at) {
    set(keyId, REVOKED_AT, at);
  }

  @Override
  public void markUsed(String keyId, Instant at) {
    set(keyId, LAST_USED_AT, at);
  }

  private void set(String keyId, String attribute, Instant at) {
    try {
      client.updateItem(
          r ->
              r.tableName(table)
                  .key(key(keyId))
                  .updateExpression("SET #a = :t")
                  .conditionExpression("attribute_exists(#id)")
                  .expressionAttributeNames(Map.of("#a", attribute, "#id", KEY_ID))
                  .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(at.toString()))));
    } catch (ConditionalCheckFailedException e) {
      // The key was deleted meanwhile: nothing to mark.
    } catch (SdkException e) {
      throw DynamoDbErrors.map("UpdateItem", table, e);
    }
  }

  private static Map<String, AttributeValue> key(String keyId) {
    return Map.of(
        KEY_ID, AttributeValue.fromS(keyId), ITEM_KEY, AttributeValue.fromS(API_KEY_ITEM));
  }

  private static List<ApiKeyRecord> newestFirst(List<ApiKeyRecord> records) {
    return records.stream()
        .sorted(Comparator.comparing(ApiKeyRecord::createdAt).reversed())
        .toList();
  }

  private ApiKeyRecord fromItem(Map<String, AttributeValue> item) {
    String keyId = item.get(KEY_ID).s();
    try {
      return new ApiKeyRecord(
          keyId,
          item.get(KEY_NAME).s(),
          ApiKeyScope.parseList(item.get(SCOPES).s()),
          item.get(HASH).s(),
          Instant.parse(item.get(CREATED_AT).s()),
          instant(item, VALID_UNTIL),
          instant(item, REVOKED_AT),
          instant(item, LAST_USED_AT));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "API key item " + keyId + " in " + table + " is malformed: " + e.getMessage(), e);
    }
  }

  private static Optional<Instant> instant(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null || value.s() == null
        ? Optional.empty()
        : Optional.of(Instant.parse(value.s()));
  }
}
