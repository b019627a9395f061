package io.cloudledger.aws.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A real client that records the most write calls it saw in flight at once (each held a few
 * milliseconds so overlaps show), and can fail every query the way the SDK would.
 */
final class ProbingClient implements DynamoDbClient {
  private final DynamoDbClient real;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Supplier<RuntimeException> queryFailure;

  ProbingClient(DynamoDbClient real) {
    this.real = real;
  }

  int maxWritesInFlight() {
    return maxInFlight.get();
  }

  void failQueriesWith(Supplier<RuntimeException> failure) {
    this.queryFailure = failure;
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    return held(() -> real.batchWriteItem(request));
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return held(() -> real.updateItem(request));
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    if (queryFailure != null) {
      throw queryFailure.get();
    }
    return real.query(request);
  }

  private <T> T held(Supplier<T> call) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(5);
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public String serviceName() {
    return real.serviceName();
  }

  @Override
  public void close() {
    real.close();
  }
}
