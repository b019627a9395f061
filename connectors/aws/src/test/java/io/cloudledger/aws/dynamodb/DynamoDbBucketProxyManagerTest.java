package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.auth.RateLimiter;
import io.cloudledger.core.auth.RateLimits;
import io.cloudledger.core.ratelimit.TokenBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Token buckets shared through DynamoDB Local: one limit across instances, exact under races. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbBucketProxyManagerTest {
  private DynamoDbClient first;
  private DynamoDbClient second;
  private String prefix;

  /** Counts the conditional writes that lost a race, to show the race test really races. */
  private static final class LostRaces implements ExecutionInterceptor {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      if (context.exception() instanceof ConditionalCheckFailedException) {
        count.incrementAndGet();
      }
    }
  }

  private final LostRaces lostRaces = new LostRaces();

  @BeforeEach
  void createTables() {
    first = DynamoDbLocal.client(lostRaces);
    second = DynamoDbLocal.client(lostRaces);
    prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(first, prefix);
  }

  @AfterEach
  void closeClients() {
    first.close();
    second.close();
  }

  private RateLimiter limiter(DynamoDbClient client) {
    return new RateLimiter(
        RateLimits.defaults(),
        TokenBuckets.shared(DynamoDbBucketProxyManager.create(client, prefix)));
  }

  @Test
  void twoLimiters_onOneTable_shareThePerKeyLimit() {
    RateLimiter one = limiter(first);
    RateLimiter other = limiter(second);

    for (int i = 0; i < 100; i++) {
      assertThat((i % 2 == 0 ? one : other).acquire("ci")).as("request %d", i + 1).isEmpty();
    }

    Optional<Duration> refused = one.acquire("ci");
    assertThat(refused).isPresent();
    assertThat(refused.get()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(other.acquire("ci")).isPresent();
    assertThat(one.acquire("another-key")).isEmpty();
    assertThat(one.shared()).isTrue();
  }

  @Test
  void manyThreads_racingForOneBucket_consumeExactlyItsCapacity() throws Exception {
    int capacity = 100;
    int threads = 12;
    int attemptsEach = 20;
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(l -> l.capacity(capacity).refillIntervally(capacity, Duration.ofHours(1)))
            .build();
    // Raw proxies without batching, half over each client: every attempt is its own
    // read-and-conditional-write, so lost races really happen and must be retried.
    List<Bucket> proxies = new ArrayList<>();
    DynamoDbBucketProxyManager managerOne = DynamoDbBucketProxyManager.create(first, prefix);
    DynamoDbBucketProxyManager managerTwo = DynamoDbBucketProxyManager.create(second, prefix);
    for (int t = 0; t < threads; t++) {
      DynamoDbBucketProxyManager manager = t % 2 == 0 ? managerOne : managerTwo;
      proxies.add(manager.builder().build("race", () -> configuration));
    }
    AtomicInteger consumed = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (Bucket proxy : proxies) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int a = 0; a < attemptsEach; a++) {
                    if (proxy.tryConsume(1)) {
                      consumed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    }

    assertThat(threads * attemptsEach).isGreaterThan(capacity);
    assertThat(consumed.get()).isEqualTo(capacity);
    assertThat(lostRaces.count.get()).as("conditional writes that lost a race").isPositive();
    assertThat(proxies.getFirst().getAvailableTokens()).isZero();
  }

  @Test
  void storedBucket_expiresByTtl_onceItWouldHaveRefilled() {
    DynamoDbBucketProxyManager manager = DynamoDbBucketProxyManager.create(first, prefix);
    Bucket bucket =
        manager
            .builder()
            .build(
                "ttl",
                () ->
                    BucketConfiguration.builder()
                        .addLimit(l -> l.capacity(10).refillIntervally(10, Duration.ofMinutes(1)))
                        .build());

    assertThat(bucket.tryConsume(1)).isTrue();

    Map<String, AttributeValue> item =
        first
            .getItem(
                r ->
                    r.tableName(manager.tableName())
                        .key(
                            Map.of(
                                CloudledgerTables.BUCKET_KEY, AttributeValue.fromS("ttl"),
                                CloudledgerTables.ITEM_KEY,
                                    AttributeValue.fromS(CloudledgerTables.BUCKET_ITEM))))
            .item();
    long expiresAt = Long.parseLong(item.get(CloudledgerTables.EXPIRES_AT).n());
    long now = Instant.now().getEpochSecond();
    // One minute to refill plus the five minutes kept after that.
    assertThat(expiresAt).isBetween(now + 5 * 60, now + 6 * 60 + 5);
  }

  @Test
  void removeProxy_deletesTheBucket_soItStartsFull() {
    DynamoDbBucketProxyManager manager = DynamoDbBucketProxyManager.create(first, prefix);
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(l -> l.capacity(2).refillIntervally(2, Duration.ofHours(1)))
            .build();
    Bucket bucket = manager.builder().build("removed", () -> configuration);
    assertThat(bucket.tryConsume(2)).isTrue();

    manager.removeProxy("removed");

    assertThat(manager.getProxyConfiguration("removed")).isEmpty();
    assertThat(manager.builder().build("removed", () -> configuration).tryConsume(2)).isTrue();
  }
}
