package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncRunStore;
import io.cloudledger.core.sync.SyncStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sync-run contract against DynamoDB Local, plus the item's expiry. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbSyncRunStoreTest extends SyncRunStoreContract {
  private DynamoDbClient client;
  private String prefix;

  @Override
  SyncRunStore newStore() {
    client = DynamoDbLocal.client();
    prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    return new DynamoDbSyncRunStore(client, prefix, Duration.ofDays(90));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void save_setsTheExpiryToTheRetentionAfterTheRunFinished() {
    SyncRun run = run("req-ttl", AWS, SyncStatus.SUCCEEDED);

    runs.save(run);

    Map<String, AttributeValue> item =
        client
            .getItem(
                r ->
                    r.tableName(prefix + "sync-runs")
                        .key(
                            Map.of(
                                "requestId",
                                AttributeValue.fromS("req-ttl"),
                                "accountKey",
                                AttributeValue.fromS(AWS.value()))))
            .item();
    assertThat(Long.parseLong(item.get("expiresAt").n()))
        .isEqualTo(run.finishedAt().plus(Duration.ofDays(90)).getEpochSecond());
  }
}
