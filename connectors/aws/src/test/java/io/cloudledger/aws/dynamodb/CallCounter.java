package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.RESOURCE_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.SCOPE_PREFIX;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Counts the requests a client sends, by operation, and the items its batch writes carry. */
public final class CallCounter implements ExecutionInterceptor {
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final AtomicLong resourceItemsInBatches = new AtomicLong();
  private final AtomicLong scopeItemsInBatches = new AtomicLong();
  private final List<QueryRequest> queries = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    String operation = request.getClass().getSimpleName().replace("Request", "");
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    if (request instanceof BatchWriteItemRequest batch) {
      for (List<WriteRequest> writes : batch.requestItems().values()) {
        for (WriteRequest write : writes) {
          var resourceKey = write.putRequest().item().get(RESOURCE_KEY);
          if (resourceKey == null) {
            continue; // a cost row, counted by its store's metrics
          }
          String key = resourceKey.s();
          (key.startsWith(SCOPE_PREFIX) ? scopeItemsInBatches : resourceItemsInBatches)
              .incrementAndGet();
        }
      }
    }
    if (request instanceof QueryRequest query) {
      queries.add(query);
    }
  }

  public long calls(String operation) {
    AtomicLong count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  public long resourceItemsInBatches() {
    return resourceItemsInBatches.get();
  }

  public long scopeItemsInBatches() {
    return scopeItemsInBatches.get();
  }

  List<QueryRequest> queries() {
    return new ArrayList<>(queries);
  }

  public void reset() {
    calls.clear();
    resourceItemsInBatches.set(0);
    scopeItemsInBatches.set(0);
    queries.clear();
  }
}
