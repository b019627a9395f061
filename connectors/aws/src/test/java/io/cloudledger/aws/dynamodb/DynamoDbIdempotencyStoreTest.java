package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.dispatch.AcceptedRequest;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.idempotency.IdempotencyStore;
import io.cloudledger.core.model.AccountKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The idempotency contract against DynamoDB Local, the TTL attribute, and the request log sharing
 * the table.
 */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {
  private DynamoDbClient client;
  private String prefix;

  @Override
  IdempotencyStore newStore() {
    client = DynamoDbLocal.client();
    prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    return new DynamoDbIdempotencyStore(client, prefix, clock);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void claim_setsTheTtlAttributeInEpochSeconds() {
    Instant expiry = clock.instant().plusSeconds(7200);
    store.tryClaim(KEY, clock.instant(), clock.instant().plusSeconds(60), expiry);

    Map<String, AttributeValue> item =
        client
            .getItem(
                r ->
                    r.tableName(prefix + "sync-requests")
                        .key(
                            Map.of(
                                "requestId", AttributeValue.fromS("req-1"),
                                "itemKey", AttributeValue.fromS(KEY.id()))))
            .item();
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expiry.getEpochSecond()));
    assertThat(item.get("status").s()).isEqualTo("IN_PROGRESS");
  }

  @Test
  void requestLog_roundTripsNextToTheRecordsWithoutJoiningTheirGroup() {
    DynamoDbSyncRequestLog log = DynamoDbSyncRequestLog.create(client, prefix);
    AcceptedRequest accepted =
        new AcceptedRequest(
            "req-1",
            "manual",
            Set.of(SyncKind.INVENTORY),
            Instant.parse("2026-11-01T00:00:00Z"),
            List.of(AccountKey.parse("aws#222222222222"), AccountKey.parse("aws#111111111111")));
    store.tryClaim(
        KEY, clock.instant(), clock.instant().plusSeconds(60), clock.instant().plusSeconds(600));

    log.accepted(accepted);

    assertThat(log.find("req-1")).contains(accepted);
    assertThat(log.find("req-2")).isEmpty();
    assertThat(store.findGroup("req-1")).hasSize(1);
  }
}
