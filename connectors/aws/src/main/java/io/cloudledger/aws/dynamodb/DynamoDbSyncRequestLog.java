package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.EXPIRES_AT;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.ITEM_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.REQUEST_ID;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.REQUEST_ITEM;

import io.cloudledger.core.dispatch.AcceptedRequest;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequestLog;
import io.cloudledger.core.model.AccountKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The {@link SyncRequestLog} on DynamoDB: one {@link CloudledgerTables#REQUEST_ITEM} item per
 * request id in {@code <prefix>sync-requests}, next to the request's idempotency records. The
 * accounts are one string list; at ~20 bytes per account key, DynamoDB's 400 KB item limit allows
 * about 15 000 accounts per request.
 */
public final class DynamoDbSyncRequestLog implements SyncRequestLog {
  private static final String TRIGGER = "trigger";
  private static final String KINDS = "kinds";
  private static final String REQUESTED_AT = "requestedAt";
  private static final String ACCOUNTS = "accounts";

  private final DynamoDbClient client;
  private final String table;
  private final Duration retention;

  public DynamoDbSyncRequestLog(DynamoDbClient client, String tablePrefix, Duration retention) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = CloudledgerTables.SYNC_REQUESTS.tableName(tablePrefix);
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /** A log on {@code <tablePrefix>sync-requests} keeping requests as long as their runs. */
  public static DynamoDbSyncRequestLog create(DynamoDbClient client, String tablePrefix) {
    return new DynamoDbSyncRequestLog(client, tablePrefix, DynamoDbSyncRunStore.DEFAULT_RETENTION);
  }

  @Override
  public void accepted(AcceptedRequest request) {
    Map<String, AttributeValue> item =
        Map.of(
            REQUEST_ID, AttributeValue.fromS(request.requestId()),
            ITEM_KEY, AttributeValue.fromS(REQUEST_ITEM),
            TRIGGER, AttributeValue.fromS(request.trigger()),
            KINDS,
                AttributeValue.fromS(
                    request.kinds().stream().map(SyncKind::key).collect(Collectors.joining(","))),
            REQUESTED_AT, AttributeValue.fromS(request.requestedAt().toString()),
            ACCOUNTS,
                AttributeValue.fromL(
                    request.accounts().stream().map(a -> AttributeValue.fromS(a.value())).toList()),
            EXPIRES_AT,
                AttributeValue.fromN(
                    Long.toString(request.requestedAt().plus(retention).getEpochSecond())));
    try {
      client.putItem(r -> r.tableName(table).item(item));
    } catch (SdkException e) {
      throw DynamoDbErrors.map("PutItem", table, e);
    }
  }

  @Override
  public Optional<AcceptedRequest> find(String requestId) {
    GetItemResponse response;
    try {
      response =
          client.getItem(
              r ->
                  r.tableName(table)
                      .consistentRead(true)
                      .key(
                          Map.of(
                              REQUEST_ID,
                              AttributeValue.fromS(requestId),
                              ITEM_KEY,
                              AttributeValue.fromS(REQUEST_ITEM))));
    } catch (SdkException e) {
      throw DynamoDbErrors.map("GetItem", table, e);
    }
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    String kinds = item.get(KINDS).s();
    List<AccountKey> accounts =
        item.get(ACCOUNTS).l().stream().map(v -> AccountKey.parse(v.s())).toList();
    return Optional.of(
        new AcceptedRequest(
            requestId,
            item.get(TRIGGER).s(),
            kinds.isEmpty()
                ? java.util.Set.of()
                : java.util.Arrays.stream(kinds.split(","))
                    .map(SyncKind::fromKey)
                    .collect(Collectors.toSet()),
            Instant.parse(item.get(REQUESTED_AT).s()),
            accounts));
  }
}
