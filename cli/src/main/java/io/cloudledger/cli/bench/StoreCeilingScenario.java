package io.cloudledger.cli.bench;

import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbStoreMetrics;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ContentHasher;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DynamoDB Local's write ceiling in the same run (RECIPES.md: sync throughput is reported against
 * it): the inventory store writes one change set of generated VMs, shaped like synced ones, into
 * tables of their own, with nothing listed and nothing diffed.
 */
final class StoreCeilingScenario implements BenchScenario {
  static final String TABLE_PREFIX = "bench-ceiling-";
  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");

  private final int items;

  StoreCeilingScenario(int items) {
    this.items = items;
  }

  @Override
  public String id() {
    return "store-ceiling";
  }

  @Override
  public String description() {
    return "DynamoDB Local's batch-write ceiling: " + items + " puts through the store alone";
  }

  @Override
  public void run(BenchContext context) {
    DynamoDbTables.ensureExists(context.dynamoDb(), TABLE_PREFIX);
    DynamoDbInventoryStore store = DynamoDbInventoryStore.create(context.dynamoDb(), TABLE_PREFIX);
    AccountKey account = AccountKey.of(Provider.AWS, "999999999999");
    List<Resource> puts = resources(account, items);
    long started = System.nanoTime();
    store.apply(ChangeSet.puts(account, puts));
    double seconds = (System.nanoTime() - started) / 1e9;
    DynamoDbStoreMetrics metrics = store.metrics();
    StoreCeiling ceiling =
        new StoreCeiling(
            items,
            Figures.round(seconds, 3),
            Figures.round(Figures.ratio(items, seconds), 1),
            Figures.round(metrics.writeCapacityUnits(), 1),
            "DynamoDB Local " + "2.6.1, in memory, embedded (no HTTP)");
    context.results().storeCeiling(ceiling);
    context.log(
        String.format(
            Locale.ROOT,
            "store ceiling: %d puts in %.2f s (%.0f items/s)",
            items,
            ceiling.seconds(),
            ceiling.itemsPerSecond()));
  }

  private static List<Resource> resources(AccountKey account, int count) {
    Instant now = Instant.now();
    List<Resource> resources = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String region = REGIONS.get(i % REGIONS.size());
      ResourceObservation vm =
          new ResourceObservation(
              ResourceType.VM,
              region,
              String.format(Locale.ROOT, "i-%017x", i),
              "web-" + i,
              ResourceStatus.RUNNING,
              "running",
              Map.of("Name", "web-" + i, "env", "prod", "team", "team-" + (i % 10)),
              Map.of(
                  "instanceType", "t3.micro",
                  "vpcId", "vpc-" + (i % 7),
                  "subnetId", "subnet-" + (i % 13),
                  "privateIpAddress", "10.0." + (i / 250 % 250) + "." + (i % 250),
                  "availabilityZone", region + "a",
                  "launchTime", "2025-06-01T00:00:00Z"));
      resources.add(Resource.observed(account, vm, ContentHasher.hash(account, vm), now, now));
    }
    return resources;
  }
}
