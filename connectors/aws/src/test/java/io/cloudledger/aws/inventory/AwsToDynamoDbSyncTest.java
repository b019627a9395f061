package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.aws.dynamodb.CallCounter;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.sync.SyncCounts;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncTarget;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.EstateChange;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole AWS path with real parts only: the sandbox through the real EC2, S3 and STS clients,
 * the core engine, and the DynamoDB store on DynamoDB Local, with every DynamoDB request counted.
 */
@ExtendWith(DynamoDbLocal.class)
class AwsToDynamoDbSyncTest {
  private static Sandbox sandbox;
  private static SandboxSessions sessions;
  private static final Map<String, AwsInventorySource> SOURCES = new HashMap<>();
  private static final CallCounter DYNAMODB_CALLS = new CallCounter();
  private static SyncEngine engine;
  private static DynamoDbInventoryStore store;
  private static int requests;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(3).withResourcesPerAccount(120));
    sessions = new SandboxSessions(sandbox);
    for (AwsAccount account : sandbox.estate().accounts()) {
      SOURCES.put(account.accountId(), sessions.source(account, SandboxSync.FAST));
    }
    DynamoDbClient client = DynamoDbLocal.client(DYNAMODB_CALLS);
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    store = DynamoDbInventoryStore.create(client, prefix);
    engine =
        new SyncEngine(
            store,
            DynamoDbSyncRunStore.create(client, prefix),
            Clock.systemUTC(),
            SyncSettings.defaults());
  }

  @AfterAll
  static void stop() {
    SOURCES.values().forEach(AwsInventorySource::close);
    sandbox.close();
  }

  private static SyncCounts syncAll() {
    SyncCounts total = SyncCounts.ZERO;
    for (AwsAccount account : sandbox.estate().accounts()) {
      SyncTarget target =
          new SyncTarget(
              "e2e-" + ++requests, SandboxSync.key(account), SandboxSync.ALL_TYPES, "test");
      total = total.plus(engine.sync(target, SOURCES.get(account.accountId())).counts());
    }
    return total;
  }

  private static List<Resource> live(AwsAccount account) {
    try (Stream<Resource> resources =
        store.query(InventoryQuery.account(SandboxSync.key(account)))) {
      return resources.toList();
    }
  }

  @Test
  void firstSync_thenUnchangedResync_thenAdvance_writeExactlyTheChanges() {
    SyncCounts first = syncAll();
    int estateSize = sandbox.estate().accounts().stream().mapToInt(AwsAccount::resourceCount).sum();
    assertThat(first.created()).isEqualTo(estateSize);
    for (AwsAccount account : sandbox.estate().accounts()) {
      assertThat(ExpectedInventory.observed(live(account)))
          .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(account));
    }

    DYNAMODB_CALLS.reset();
    SyncCounts unchanged = syncAll();
    assertThat(unchanged.unchanged()).isEqualTo(estateSize);
    assertThat(DYNAMODB_CALLS.resourceItemsInBatches()).isZero();
    // The only single-item puts are the sync-run records, one per account and run.
    assertThat(DYNAMODB_CALLS.calls("PutItem")).isEqualTo(sandbox.estate().accounts().size());
    assertThat(DYNAMODB_CALLS.calls("UpdateItem")).isZero();

    EstateChange change = sandbox.advance(0.1);
    DYNAMODB_CALLS.reset();
    SyncCounts afterAdvance = syncAll();
    assertThat(afterAdvance.created()).isEqualTo(change.created().size());
    assertThat(afterAdvance.changed()).isEqualTo(change.modified().size());
    assertThat(afterAdvance.tombstoned()).isEqualTo(change.deleted().size());
    assertThat(DYNAMODB_CALLS.resourceItemsInBatches())
        .isEqualTo(change.created().size() + change.modified().size());
    assertThat(DYNAMODB_CALLS.calls("UpdateItem")).isEqualTo(change.deleted().size());
    for (AwsAccount account : sandbox.estate().accounts()) {
      assertThat(ExpectedInventory.observed(live(account)))
          .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(account));
    }
  }
}
