package io.cloudledger.cli.bench;

import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbStoreMetrics;
import io.cloudledger.cli.sync.AccountJob;
import io.cloudledger.cli.sync.SyncProgress;
import io.cloudledger.cli.sync.SyncReport;
import io.cloudledger.cli.sync.SyncRunner;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncEngine;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * cloudledger's own sync, exactly as {@code cloudledger sync} runs it: one {@link SyncRunner} (the
 * worker) over the core engine and the DynamoDB store, several accounts at once.
 */
final class OptimizedSync implements SyncImplementation {
  private static final Set<ResourceType> ALL_TYPES = EnumSet.allOf(ResourceType.class);

  private final List<AccountJob> jobs;
  private final DynamoDbInventoryStore store;
  private final SyncRunner runner;

  OptimizedSync(List<AccountJob> jobs, DynamoDbInventoryStore store, SyncRunner runner) {
    this.jobs = List.copyOf(jobs);
    this.store = store;
    this.runner = runner;
  }

  static OptimizedSync over(
      List<AccountJob> jobs, DynamoDbInventoryStore store, SyncEngine engine, int parallel) {
    return new OptimizedSync(
        jobs, store, new SyncRunner(engine, parallel, java.time.Clock.systemUTC()));
  }

  @Override
  public String name() {
    return OPTIMIZED;
  }

  @Override
  public SyncOutcome syncAll(String requestId) {
    DynamoDbStoreMetrics before = store.metrics();
    SyncReport report = runner.run(requestId, jobs, ALL_TYPES, "bench", SyncProgress.NONE);
    DynamoDbStoreMetrics written = store.metrics().minus(before);
    return new SyncOutcome(
        report.totals().seen(),
        report.totals().writes(),
        written.itemsWritten(),
        written.writeCapacityUnits(),
        written.writeCalls(),
        report.failures().size());
  }
}
