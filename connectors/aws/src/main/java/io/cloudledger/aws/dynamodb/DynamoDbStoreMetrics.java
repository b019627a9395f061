package io.cloudledger.aws.dynamodb;

/**
 * A snapshot of what a DynamoDB store has done since it was built: calls by kind, items written,
 * retries of unprocessed items and the capacity DynamoDB reported consuming.
 *
 * @param itemsWritten resource and scope items DynamoDB accepted (puts and tombstones)
 * @param unprocessedRetries {@code BatchWriteItem} calls repeated for unprocessed items
 */
public record DynamoDbStoreMetrics(
    long batchWriteCalls,
    long updateCalls,
    long queryCalls,
    long itemsWritten,
    long unprocessedRetries,
    double writeCapacityUnits,
    double readCapacityUnits) {

  /** The write calls of every kind. */
  public long writeCalls() {
    return batchWriteCalls + updateCalls;
  }

  /** What happened between {@code earlier} and this snapshot. */
  public DynamoDbStoreMetrics minus(DynamoDbStoreMetrics earlier) {
    return new DynamoDbStoreMetrics(
        batchWriteCalls - earlier.batchWriteCalls,
        updateCalls - earlier.updateCalls,
        queryCalls - earlier.queryCalls,
        itemsWritten - earlier.itemsWritten,
        unprocessedRetries - earlier.unprocessedRetries,
        writeCapacityUnits - earlier.writeCapacityUnits,
        readCapacityUnits - earlier.readCapacityUnits);
  }
}
