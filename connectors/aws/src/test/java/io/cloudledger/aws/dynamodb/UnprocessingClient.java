package io.cloudledger.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A real client that, like a throttled table, leaves the last {@code unprocessedPerCall} items of a
 * batch unprocessed on the first {@code throttledCalls} {@code BatchWriteItem} calls: it writes
 * only the others and returns these as {@code UnprocessedItems}.
 */
final class UnprocessingClient implements DynamoDbClient {
  private final DynamoDbClient real;
  private final int unprocessedPerCall;
  private final AtomicInteger throttledCallsLeft;

  UnprocessingClient(DynamoDbClient real, int unprocessedPerCall, int throttledCalls) {
    this.real = real;
    this.unprocessedPerCall = unprocessedPerCall;
    this.throttledCallsLeft = new AtomicInteger(throttledCalls);
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    if (throttledCallsLeft.getAndDecrement() <= 0) {
      return real.batchWriteItem(request);
    }
    Map.Entry<String, List<WriteRequest>> only =
        request.requestItems().entrySet().iterator().next();
    List<WriteRequest> writes = only.getValue();
    int keep = Math.max(0, writes.size() - unprocessedPerCall);
    List<WriteRequest> accepted = new ArrayList<>(writes.subList(0, keep));
    List<WriteRequest> rejected = new ArrayList<>(writes.subList(keep, writes.size()));
    if (!accepted.isEmpty()) {
      real.batchWriteItem(
          request.toBuilder().requestItems(Map.of(only.getKey(), accepted)).build());
    }
    return BatchWriteItemResponse.builder()
        .unprocessedItems(Map.of(only.getKey(), rejected))
        .build();
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return real.query(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return real.updateItem(request);
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
