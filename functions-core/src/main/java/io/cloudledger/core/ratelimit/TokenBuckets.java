package io.cloudledger.core.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where token buckets live: in this process, or in a store that every instance shares (a Bucket4j
 * {@link ProxyManager}, e.g. DynamoDB conditional writes in connectors/aws), so a limit holds
 * across all processes that draw from the same key.
 */
public interface TokenBuckets {

  /**
   * The bucket named {@code key}, created with {@code configuration} when it does not exist yet.
   * Callers put the configuration into the key (e.g. {@code ...#100/PT1M}) so a changed limit gets
   * a fresh bucket instead of silently keeping the old one.
   */
  Bucket bucket(String key, BucketConfiguration configuration);

  /** True when the buckets are shared beyond this process. */
  boolean shared();

  /** Buckets in this process only. */
  static TokenBuckets inProcess() {
    Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    return new TokenBuckets() {
      @Override
      public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.computeIfAbsent(
            key,
            k -> {
              LocalBucketBuilder builder = Bucket.builder();
              for (Bandwidth bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
              }
              return builder.build();
            });
      }

      @Override
      public boolean shared() {
        return false;
      }
    };
  }

  /**
   * Buckets held by {@code manager}. Concurrent requests of this process to one bucket are batched
   * into one remote update (Bucket4j's batching optimization, which changes no result), which cuts
   * compare-and-swap conflicts when many threads of one worker draw from the same budget.
   */
  static TokenBuckets shared(ProxyManager<String> manager) {
    Objects.requireNonNull(manager, "manager");
    Map<String, Bucket> proxies = new ConcurrentHashMap<>();
    return new TokenBuckets() {
      @Override
      public Bucket bucket(String key, BucketConfiguration configuration) {
        return proxies.computeIfAbsent(
            key,
            k ->
                manager
                    .builder()
                    .withOptimization(Optimizations.batching())
                    .build(k, () -> configuration));
      }

      @Override
      public boolean shared() {
        return true;
      }
    };
  }
}
