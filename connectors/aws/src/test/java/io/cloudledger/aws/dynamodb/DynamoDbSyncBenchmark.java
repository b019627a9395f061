package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ContentHasher;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The figures in the module README: a first sync of {@code cloudledger.bench.resources} (default 20
 * 000) VMs through {@link SyncEngine} into DynamoDB Local in memory, an unchanged re-sync, and the
 * store's own batch-write ceiling in the same JVM. Run with {@code -Dcloudledger.bench=true};
 * results go to the test output file.
 */
@ExtendWith(DynamoDbLocal.class)
@EnabledIfSystemProperty(named = "cloudledger.bench", matches = "true")
class DynamoDbSyncBenchmark {
  private static final AccountKey ACCOUNT = AccountKey.parse("aws#123456789012");

  @Test
  void firstSync_thenUnchangedResync() {
    int resources = Integer.getInteger("cloudledger.bench.resources", 20_000);
    int rounds = Integer.getInteger("cloudledger.bench.rounds", 3);
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      warmUp(client);
      List<double[]> results = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        results.add(round(client, resources));
      }
      String[] names = {
        "first sync through SyncEngine (s)",
        "unchanged re-sync through SyncEngine (s)",
        "hashes() of the account (s)",
        "store.apply of all items in one change set (s)"
      };
      System.out.printf("BENCH resources=%d rounds=%d (median, min, max)%n", resources, rounds);
      for (int i = 0; i < names.length; i++) {
        int metric = i;
        double[] values = results.stream().mapToDouble(r -> r[metric]).sorted().toArray();
        double median = values[values.length / 2];
        System.out.printf(
            "BENCH %s: %.2f (%.2f..%.2f) = %.0f items/s%n",
            names[i], median, values[0], values[values.length - 1], resources / median);
      }
    }
  }

  /** One round on fresh tables: first sync, unchanged re-sync, hashes, then the raw store. */
  private static double[] round(DynamoDbClient client, int resources) {
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    DynamoDbInventoryStore store = DynamoDbInventoryStore.create(client, prefix);
    SyncEngine engine =
        new SyncEngine(
            store, new InMemorySyncRunStore(), Clock.systemUTC(), SyncSettings.defaults());
    long start = System.nanoTime();
    SyncResult first = engine.sync(target("first"), new GeneratedSource(resources, 1));
    double firstSeconds = seconds(start);
    DynamoDbStoreMetrics afterFirst = store.metrics();

    start = System.nanoTime();
    SyncResult second = engine.sync(target("second"), new GeneratedSource(resources, 1));
    double secondSeconds = seconds(start);
    DynamoDbStoreMetrics resync = store.metrics().minus(afterFirst);

    start = System.nanoTime();
    int hashes = store.hashes(ACCOUNT).size();
    double hashSeconds = seconds(start);

    String ceilingPrefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, ceilingPrefix);
    DynamoDbInventoryStore ceilingStore = DynamoDbInventoryStore.create(client, ceilingPrefix);
    List<Resource> puts = resources(resources);
    start = System.nanoTime();
    ceilingStore.apply(ChangeSet.puts(ACCOUNT, puts));
    double ceilingSeconds = seconds(start);

    assertThat(first.run().counts().created()).isEqualTo(resources);
    assertThat(second.run().counts().unchanged()).isEqualTo(resources);
    assertThat(resync.itemsWritten()).isEqualTo(GeneratedSource.REGIONS.size());
    assertThat(hashes).isEqualTo(resources);
    System.out.printf(
        "BENCH round: first %.2f s (%d BatchWriteItem, %.0f WCU), re-sync %.2f s (%d items"
            + " written in %d calls, %d queries), hashes %.2f s, store.apply %.2f s%n",
        firstSeconds,
        afterFirst.batchWriteCalls(),
        afterFirst.writeCapacityUnits(),
        secondSeconds,
        resync.itemsWritten(),
        resync.writeCalls(),
        resync.queryCalls(),
        hashSeconds,
        ceilingSeconds);
    return new double[] {firstSeconds, secondSeconds, hashSeconds, ceilingSeconds};
  }

  private static void warmUp(DynamoDbClient client) {
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    DynamoDbInventoryStore store = DynamoDbInventoryStore.create(client, prefix);
    new SyncEngine(store, new InMemorySyncRunStore(), Clock.systemUTC(), SyncSettings.defaults())
        .sync(target("warm-up"), new GeneratedSource(3_000, 0));
    store.hashes(ACCOUNT);
  }

  private static List<Resource> resources(int count) {
    Instant now = Instant.now();
    List<Resource> resources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ResourceObservation vm = Fixtures.vm("us-east-1", String.format("i-%017x", i));
      resources.add(Resource.observed(ACCOUNT, vm, ContentHasher.hash(ACCOUNT, vm), now, now));
    }
    return resources;
  }

  private static SyncTarget target(String requestId) {
    return new SyncTarget(requestId, ACCOUNT, Set.of(ResourceType.VM), "bench");
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
