package io.cloudledger.aws.dynamodb;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The items of a {@code Query}, fetched one page at a time as the caller advances: a large
 * partition or index shard is never held in memory at once. Each call is counted and its failures
 * mapped like every other call of the store.
 */
final class PagedQuery implements Iterator<Map<String, AttributeValue>> {
  private final DynamoDbClient client;
  private final QueryRequest request;
  private final StoreCounters counters;
  private Iterator<Map<String, AttributeValue>> page =
      List.<Map<String, AttributeValue>>of().iterator();
  private Map<String, AttributeValue> nextStart;
  private boolean lastPageRead;

  PagedQuery(DynamoDbClient client, QueryRequest request, StoreCounters counters) {
    this.client = client;
    this.request = request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    this.counters = counters;
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext() && !lastPageRead) {
      fetch();
    }
    return page.hasNext();
  }

  @Override
  public Map<String, AttributeValue> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }

  private void fetch() {
    QueryResponse response;
    try {
      response = client.query(request.toBuilder().exclusiveStartKey(nextStart).build());
    } catch (SdkException e) {
      String target =
          request.indexName() == null
              ? request.tableName()
              : request.tableName() + " (index " + request.indexName() + ")";
      throw DynamoDbErrors.map("Query", target, e);
    }
    counters.query(response.consumedCapacity());
    page = response.items().iterator();
    if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
      nextStart = response.lastEvaluatedKey();
    } else {
      lastPageRead = true;
    }
  }
}
