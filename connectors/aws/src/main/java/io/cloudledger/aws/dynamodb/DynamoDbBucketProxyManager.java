package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.BUCKET_ITEM;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.BUCKET_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.EXPIRES_AT;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.ITEM_KEY;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.RetryDecision;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Bucket4j's compare-and-swap proxy manager over DynamoDB (table {@code <prefix>rate-buckets}, see
 * {@link CloudledgerTables#RATE_BUCKETS}): a bucket is one item holding Bucket4j's serialized
 * state; an update reads it strongly consistently and writes it back with a condition that the
 * stored state is still the one read (or, for a new bucket, that there is none), so concurrent
 * processes never lose or double-spend a token. A lost race is retried after a short jittered
 * pause. Items carry a TTL of the time the bucket needs to refill completely (plus a margin): an
 * idle bucket is as good as a new one, so DynamoDB may delete it.
 */
public final class DynamoDbBucketProxyManager
    extends AbstractCompareAndSwapBasedProxyManager<String> {
  private static final String STATE = "bucketState";
  private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(5);
  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
  private static final long MAX_BACKOFF_MILLIS = 200;

  private final DynamoDbClient client;
  private final String table;

  private DynamoDbBucketProxyManager(DynamoDbClient client, String table, ClientSideConfig config) {
    super(config);
    this.client = client;
    this.table = table;
  }

  /**
   * Buckets in {@code <tablePrefix>rate-buckets}, expiring once refilled, retrying a lost race
   * after an exponentially growing pause with full jitter (2 ms doubling up to 200 ms), for at most
   * 30 s.
   */
  public static DynamoDbBucketProxyManager create(DynamoDbClient client, String tablePrefix) {
    Objects.requireNonNull(client, "client");
    ClientSideConfig config =
        ClientSideConfig.getDefault()
            .withExpirationAfterWriteStrategy(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    KEEP_AFTER_REFILL))
            .withRetryStrategy(
                attempt ->
                    attempt.getElapsedTimeNanos() > GIVE_UP_AFTER.toNanos()
                        ? RetryDecision.stop()
                        // Spreads the retries of many losers so they do not collide again at once.
                        : RetryDecision.retryAfter(backoff(attempt.getAttemptNumber())));
    return new DynamoDbBucketProxyManager(
        client, CloudledgerTables.RATE_BUCKETS.tableName(tablePrefix), config);
  }

  private static Duration backoff(int attempt) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, 2L << Math.min(attempt, 16));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
  }

  public String tableName() {
    return table;
  }

  @Override
  protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
    return new CompareAndSwapOperation() {
      @Override
      public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
        return read(key);
      }

      @Override
      public boolean compareAndSwap(
          byte[] originalData,
          byte[] newData,
          RemoteBucketState newState,
          Optional<Long> timeoutNanos) {
        return write(key, originalData, newData, newState);
      }
    };
  }

  @Override
  protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
    throw new UnsupportedOperationException("DynamoDB buckets are synchronous only");
  }

  @Override
  public boolean isAsyncModeSupported() {
    return false;
  }

  @Override
  public boolean isExpireAfterWriteSupported() {
    return true;
  }

  @Override
  public void removeProxy(String key) {
    try {
      client.deleteItem(r -> r.tableName(table).key(itemKey(key)));
    } catch (SdkException e) {
      throw DynamoDbErrors.map("DeleteItem", table, e);
    }
  }

  @Override
  protected CompletableFuture<Void> removeAsync(String key) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("DynamoDB buckets are synchronous only"));
  }

  private Optional<byte[]> read(String key) {
    GetItemResponse response;
    try {
      response =
          client.getItem(
              r ->
                  r.tableName(table)
                      .key(itemKey(key))
                      .consistentRead(true)
                      .projectionExpression("#s")
                      .expressionAttributeNames(Map.of("#s", STATE)));
    } catch (SdkException e) {
      throw DynamoDbErrors.map("GetItem", table, e);
    }
    AttributeValue state = response.hasItem() ? response.item().get(STATE) : null;
    return state == null || state.b() == null
        ? Optional.empty()
        : Optional.of(state.b().asByteArray());
  }

  private boolean write(String key, byte[] original, byte[] replacement, RemoteBucketState state) {
    Map<String, AttributeValue> item = new HashMap<>(itemKey(key));
    item.put(STATE, AttributeValue.fromB(SdkBytes.fromByteArray(replacement)));
    long nowMillis = currentTimeNanos() / 1_000_000;
    long ttlMillis =
        getClientSideConfig()
            .getExpirationAfterWriteStrategy()
            .map(strategy -> strategy.calculateTimeToLiveMillis(state, currentTimeNanos()))
            .orElse(-1L);
    if (ttlMillis > 0) {
      item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString((nowMillis + ttlMillis) / 1000 + 1)));
    }
    PutItemRequest.Builder request = PutItemRequest.builder().tableName(table).item(item);
    // Bucket4j hands an empty array for a bucket it did not find.
    if (original == null || original.length == 0) {
      request
          .conditionExpression("attribute_not_exists(#k)")
          .expressionAttributeNames(Map.of("#k", BUCKET_KEY));
    } else {
      request
          .conditionExpression("#s = :original")
          .expressionAttributeNames(Map.of("#s", STATE))
          .expressionAttributeValues(
              Map.of(":original", AttributeValue.fromB(SdkBytes.fromByteArray(original))));
    }
    try {
      client.putItem(request.build());
      return true;
    } catch (ConditionalCheckFailedException lostRace) {
      return false;
    } catch (SdkException e) {
      throw DynamoDbErrors.map("PutItem", table, e);
    }
  }

  private static Map<String, AttributeValue> itemKey(String key) {
    return Map.of(
        BUCKET_KEY, AttributeValue.fromS(key), ITEM_KEY, AttributeValue.fromS(BUCKET_ITEM));
  }
}
