package io.cloudledger.aws.dynamodb;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/** The live counters behind {@link DynamoDbStoreMetrics}, safe for concurrent writers. */
final class StoreCounters {
  private final LongAdder batchWriteCalls = new LongAdder();
  private final LongAdder updateCalls = new LongAdder();
  private final LongAdder queryCalls = new LongAdder();
  private final LongAdder itemsWritten = new LongAdder();
  private final LongAdder unprocessedRetries = new LongAdder();
  private final DoubleAdder writeCapacity = new DoubleAdder();
  private final DoubleAdder readCapacity = new DoubleAdder();

  void batchWrite(int accepted, List<ConsumedCapacity> consumed) {
    batchWriteCalls.increment();
    itemsWritten.add(accepted);
    consumed.forEach(capacity -> writeCapacity.add(units(capacity)));
  }

  void update(boolean written, ConsumedCapacity consumed) {
    updateCalls.increment();
    if (written) {
      itemsWritten.increment();
    }
    writeCapacity.add(units(consumed));
  }

  void query(ConsumedCapacity consumed) {
    queryCalls.increment();
    readCapacity.add(units(consumed));
  }

  void unprocessedRetry() {
    unprocessedRetries.increment();
  }

  DynamoDbStoreMetrics snapshot() {
    return new DynamoDbStoreMetrics(
        batchWriteCalls.sum(),
        updateCalls.sum(),
        queryCalls.sum(),
        itemsWritten.sum(),
        unprocessedRetries.sum(),
        writeCapacity.sum(),
        readCapacity.sum());
  }

  private static double units(ConsumedCapacity capacity) {
    return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
  }
}
