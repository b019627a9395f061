package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.Fixtures.T0;
import static io.cloudledger.aws.dynamodb.Fixtures.resource;
import static io.cloudledger.aws.dynamodb.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.Tombstone;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** What only the DynamoDB store can show: its calls, its items and its error mapping. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbInventoryStoreTest {
  private static final AccountKey AWS = AccountKey.parse("aws#123456789012");

  private final MutableClock clock = new MutableClock(T0);
  private final CallCounter calls = new CallCounter();
  private DynamoDbClient client;
  private String prefix;
  private DynamoDbInventoryStore store;

  @BeforeEach
  void createTables() {
    client = DynamoDbLocal.client(calls);
    prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    store =
        DynamoDbInventoryStore.builder().client(client).tablePrefix(prefix).clock(clock).build();
    calls.reset();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void apply_1000Puts_usesExactly40BatchWriteCalls() {
    List<Resource> puts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      puts.add(resource(AWS, vm("us-east-1", "i-" + i)));
    }

    store.apply(ChangeSet.puts(AWS, puts));

    assertThat(calls.calls("BatchWriteItem")).isEqualTo(40);
    assertThat(calls.resourceItemsInBatches()).isEqualTo(1000);
    DynamoDbStoreMetrics metrics = store.metrics();
    assertThat(metrics.batchWriteCalls()).isEqualTo(40);
    assertThat(metrics.itemsWritten()).isEqualTo(1000);
    assertThat(metrics.writeCapacityUnits()).isPositive();
    assertThat(store.hashes(AWS)).hasSize(1000);
  }

  @Test
  void secondIdenticalSync_writesNoResourceItem_onlyTheScopeRecords() {
    SyncEngine engine =
        new SyncEngine(store, new InMemorySyncRunStore(), clock, SyncSettings.defaults());
    SyncTarget target = new SyncTarget("req-1", AWS, Set.of(ResourceType.VM), "test");
    SyncResult first = engine.sync(target, new GeneratedSource(600, 1));
    assertThat(first.run().counts().created()).isEqualTo(600);
    calls.reset();
    DynamoDbStoreMetrics before = store.metrics();

    clock.advance(Duration.ofHours(1));
    SyncResult second =
        engine.sync(
            new SyncTarget("req-2", AWS, Set.of(ResourceType.VM), "test"),
            new GeneratedSource(600, 1));

    assertThat(second.run().counts().unchanged()).isEqualTo(600);
    assertThat(calls.calls("UpdateItem")).isZero();
    assertThat(calls.calls("PutItem")).isZero();
    assertThat(calls.resourceItemsInBatches()).isZero();
    // The four scope records carry the run's lastSeen for every unchanged resource: one call.
    assertThat(calls.scopeItemsInBatches()).isEqualTo(GeneratedSource.REGIONS.size());
    assertThat(calls.calls("BatchWriteItem")).isEqualTo(1);
    assertThat(store.metrics().minus(before).itemsWritten()).isEqualTo(4);
    assertThat(store.query(InventoryQuery.account(AWS)))
        .allSatisfy(resource -> assertThat(resource.lastSeen()).isEqualTo(clock.instant()));
  }

  @Test
  void hashes_readOnlyTheDiffProjection_onePagedQueryOfThePartition() {
    store.apply(ChangeSet.puts(AWS, List.of(resource(AWS, vm("us-east-1", "i-1")))));
    calls.reset();

    store.hashes(AWS);

    assertThat(calls.queries())
        .singleElement()
        .satisfies(
            query -> {
              assertThat(query.indexName()).isNull();
              assertThat(query.consistentRead()).isTrue();
              assertThat(query.projectionExpression()).isNotBlank();
              assertThat(query.expressionAttributeNames().values())
                  .contains("contentHash", "firstSeen", "deletedAt")
                  .doesNotContain("tags", "metadata", "name");
            });
  }

  @Test
  void apply_whenItemsComeBackUnprocessed_retriesUntilAllLand() {
    UnprocessingClient throttled = new UnprocessingClient(client, 10, 6);
    DynamoDbInventoryStore flaky =
        DynamoDbInventoryStore.builder()
            .client(throttled)
            .tablePrefix(prefix)
            .clock(clock)
            .batchRetry(new BatchRetry(8, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build();
    List<Resource> puts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      puts.add(resource(AWS, vm("us-east-1", "i-" + i)));
    }

    flaky.apply(ChangeSet.puts(AWS, puts));

    assertThat(store.hashes(AWS)).hasSize(100);
    assertThat(flaky.metrics().unprocessedRetries()).isPositive();
    assertThat(flaky.metrics().itemsWritten()).isEqualTo(100);
  }

  @Test
  void apply_whenItemsStayUnprocessed_failsRetryableAfterTheLastAttempt() {
    UnprocessingClient throttled = new UnprocessingClient(client, 25, Integer.MAX_VALUE);
    DynamoDbInventoryStore flaky =
        DynamoDbInventoryStore.builder()
            .client(throttled)
            .tablePrefix(prefix)
            .batchRetry(new BatchRetry(3, Duration.ofMillis(1), Duration.ofMillis(2)))
            .build();

    assertThatThrownBy(
            () -> flaky.apply(ChangeSet.puts(AWS, List.of(resource(AWS, vm("us-east-1", "i"))))))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("1 of 1 items unprocessed after 3 attempts")
        .hasMessageContaining(prefix + "inventory")
        .extracting(e -> ((RetryableException) e).reason())
        .isEqualTo("throttled");
    assertThat(flaky.metrics().batchWriteCalls()).isEqualTo(3);
  }

  @Test
  void tombstone_setsTtlAndKeepsFirstSeen_asConcurrentUpdates() {
    List<Resource> puts = new ArrayList<>();
    List<Tombstone> tombstones = new ArrayList<>();
    Instant deletedAt = T0.plus(Duration.ofDays(3));
    long expiresAt = deletedAt.plus(Duration.ofDays(30)).getEpochSecond();
    for (int i = 0; i < 40; i++) {
      Resource vm = resource(AWS, vm("us-east-1", "i-" + i));
      puts.add(vm);
      tombstones.add(new Tombstone(vm.resourceKey(), deletedAt, expiresAt, null));
    }
    tombstones.add(new Tombstone("vm#us-east-1#missing", deletedAt, expiresAt, null));
    store.apply(ChangeSet.puts(AWS, puts));

    store.apply(ChangeSet.tombstones(AWS, tombstones));

    Map<String, AttributeValue> item = rawItem(puts.getFirst().resourceKey());
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt));
    assertThat(Instant.parse(item.get("firstSeen").s())).isEqualTo(T0);
    assertThat(Instant.parse(item.get("deletedAt").s())).isEqualTo(deletedAt);
    assertThat(rawItem("vm#us-east-1#missing")).isEmpty();
    assertThat(calls.calls("UpdateItem")).isEqualTo(41);
    assertThat(store.metrics().itemsWritten()).isEqualTo(80);
    assertThat(store.hashes(AWS).values()).hasSize(40).allSatisfy(h -> assertThat(h.deleted()));
  }

  @Test
  void put_afterTombstone_removesTheExpiryAttribute() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    store.apply(ChangeSet.tombstones(AWS, List.of(Fixtures.tombstone(vm.resourceKey(), T0))));

    store.apply(ChangeSet.puts(AWS, List.of(vm)));

    assertThat(rawItem(vm.resourceKey())).doesNotContainKeys("expiresAt", "deletedAt");
  }

  @Test
  void queryByType_readsEveryShardOfTheIndex_andNoPartition() {
    store.apply(ChangeSet.puts(AWS, List.of(resource(AWS, vm("us-east-1", "i-1")))));
    calls.reset();

    List<Resource> vms =
        store.query(InventoryQuery.all().withTypes(Set.of(ResourceType.VM))).toList();

    assertThat(vms).hasSize(1);
    List<QueryRequest> indexQueries =
        calls.queries().stream().filter(q -> q.indexName() != null).toList();
    assertThat(indexQueries).hasSize(3 * 8); // every provider x 8 shards
    assertThat(indexQueries)
        .extracting(q -> q.expressionAttributeValues().get(":pk").s())
        .contains("aws#vm#0", "aws#vm#7", "gcp#vm#3");
  }

  @Test
  void query_isLazy_noCallUntilTheStreamIsRead() {
    store.query(InventoryQuery.all());
    store.query(InventoryQuery.account(AWS));

    assertThat(calls.calls("Query")).isZero();
  }

  @Test
  void storeOnMissingTable_failsPermanentNamingTheTable() {
    DynamoDbInventoryStore missing = DynamoDbInventoryStore.create(client, "nope-");

    assertThatThrownBy(() -> missing.hashes(AWS))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("nope-inventory")
        .extracting(e -> ((PermanentException) e).reason())
        .isEqualTo("table-missing");
  }

  @Test
  void apply_keepsSeveralButBoundedCallsInFlight() {
    ProbingClient probe = new ProbingClient(client);
    DynamoDbInventoryStore bounded =
        DynamoDbInventoryStore.builder()
            .client(probe)
            .tablePrefix(prefix)
            .batchParallelism(3)
            .tombstoneParallelism(4)
            .build();
    List<Resource> puts = new ArrayList<>();
    List<Tombstone> tombstones = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Resource vm = resource(AWS, vm("us-east-1", "i-" + i));
      puts.add(vm);
      if (i < 40) {
        tombstones.add(Fixtures.tombstone(vm.resourceKey(), T0));
      }
    }

    bounded.apply(ChangeSet.puts(AWS, puts));
    int batchesInFlight = probe.maxWritesInFlight();
    ProbingClient tombstoneProbe = new ProbingClient(client);
    DynamoDbInventoryStore.builder()
        .client(tombstoneProbe)
        .tablePrefix(prefix)
        .tombstoneParallelism(4)
        .build()
        .apply(ChangeSet.tombstones(AWS, tombstones));

    assertThat(batchesInFlight).isBetween(2, 3);
    assertThat(tombstoneProbe.maxWritesInFlight()).isBetween(2, 4);
    assertThat(store.hashes(AWS).values().stream().filter(h -> h.deleted())).hasSize(40);
  }

  @Test
  void reads_whenThrottled_failRetryableNamingTheTable_evenInsideALazyStream() {
    ProbingClient probe = new ProbingClient(client);
    probe.failQueriesWith(
        () ->
            ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException")
                        .build())
                .build());
    DynamoDbInventoryStore throttled = DynamoDbInventoryStore.create(probe, prefix);

    assertThatThrownBy(() -> throttled.hashes(AWS))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining(prefix + "inventory");
    assertThatThrownBy(() -> throttled.query(InventoryQuery.all()).toList())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("index byProviderType");
  }

  @Test
  void syncEngine_tombstonesWhatACompleteListingNoLongerReturns() {
    SyncEngine engine =
        new SyncEngine(store, new InMemorySyncRunStore(), clock, SyncSettings.defaults());
    engine.sync(
        new SyncTarget("req-1", AWS, Set.of(ResourceType.VM), "test"), new GeneratedSource(600, 1));
    calls.reset();

    clock.advance(Duration.ofHours(1));
    SyncResult second =
        engine.sync(
            new SyncTarget("req-2", AWS, Set.of(ResourceType.VM), "test"),
            new GeneratedSource(500, 1));

    assertThat(second.run().counts().tombstoned()).isEqualTo(100);
    assertThat(calls.calls("UpdateItem")).isEqualTo(100);
    assertThat(calls.resourceItemsInBatches()).isZero();
    assertThat(store.query(InventoryQuery.account(AWS))).hasSize(500);
    assertThat(store.query(InventoryQuery.account(AWS).includingDeleted()))
        .hasSize(600)
        .filteredOn(Resource::deleted)
        .hasSize(100)
        .allSatisfy(gone -> assertThat(gone.deletedAt()).isEqualTo(clock.instant()));
  }

  private Map<String, AttributeValue> rawItem(String resourceKey) {
    return client
        .getItem(
            r ->
                r.tableName(prefix + "inventory")
                    .key(
                        Map.of(
                            "accountKey",
                            AttributeValue.fromS(AWS.value()),
                            "resourceKey",
                            AttributeValue.fromS(resourceKey))))
        .item();
  }
}
