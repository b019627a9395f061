package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.error.RetryableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts whole items with {@code BatchWriteItem}: 25 per call (DynamoDB's limit), several calls in
 * flight, and the items a call leaves unprocessed (DynamoDB's answer to throttling) sent again with
 * backoff until they land or the attempts run out.
 */
final class BatchWriter {
  /** DynamoDB accepts at most 25 write requests per {@code BatchWriteItem}. */
  static final int MAX_BATCH = 25;

  private final DynamoDbClient client;
  private final String table;
  private final StoreCounters counters;
  private final BatchRetry retry;
  private final int parallelism;

  BatchWriter(
      DynamoDbClient client,
      String table,
      StoreCounters counters,
      BatchRetry retry,
      int parallelism) {
    this.client = client;
    this.table = table;
    this.counters = counters;
    this.retry = retry;
    this.parallelism = parallelism;
  }

  /** Puts every item; the caller ensures no two items share a key. */
  void putAll(List<Map<String, AttributeValue>> items) {
    List<List<WriteRequest>> batches = new ArrayList<>();
    for (int start = 0; start < items.size(); start += MAX_BATCH) {
      batches.add(
          items.subList(start, Math.min(start + MAX_BATCH, items.size())).stream()
              .map(item -> WriteRequest.builder().putRequest(put(item)).build())
              .toList());
    }
    Concurrently.forEach(batches, parallelism, this::writeBatch);
  }

  private static PutRequest put(Map<String, AttributeValue> item) {
    return PutRequest.builder().item(item).build();
  }

  private void writeBatch(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 1; ; attempt++) {
      BatchWriteItemResponse response = send(pending);
      List<WriteRequest> unprocessed =
          response.hasUnprocessedItems()
              ? response.unprocessedItems().getOrDefault(table, List.of())
              : List.of();
      counters.batchWrite(
          pending.size() - unprocessed.size(),
          response.hasConsumedCapacity() ? response.consumedCapacity() : List.of());
      if (unprocessed.isEmpty()) {
        return;
      }
      if (attempt >= retry.maxAttempts()) {
        throw new RetryableException(
            "throttled",
            "DynamoDB BatchWriteItem on table "
                + table
                + " left "
                + unprocessed.size()
                + " of "
                + batch.size()
                + " items unprocessed after "
                + attempt
                + " attempts");
      }
      counters.unprocessedRetry();
      sleep(retry.delayAfter(attempt));
      pending = unprocessed;
    }
  }

  private BatchWriteItemResponse send(List<WriteRequest> requests) {
    try {
      return client.batchWriteItem(
          BatchWriteItemRequest.builder()
              .requestItems(Map.of(table, requests))
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
              .build());
    } catch (SdkException e) {
      throw DynamoDbErrors.map("BatchWriteItem", table, e);
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted", "interrupted while backing off", e);
    }
  }
}
