package io.cloudledger.core.ratelimit;

import io.cloudledger.core.error.RetryableException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request budgets every sync worker draws from before each call to a provider API: one token
 * bucket per API and account (AWS account and region, Azure subscription and principal, GCP
 * project), held in {@link TokenBuckets} so that all workers sharing the store share the budget and
 * 32 concurrent workers on one account stay under that account's throttling together. A call waits
 * for its token at most {@code maxWait}; longer would overrun the worker's time budget, so it fails
 * with a {@link RetryableException} instead and the sync is retried later.
 */
public final class ApiBudgets {
  /** EC2 API (Query) calls of one account in one region. */
  public static final String AWS_EC2 = "aws.ec2";

  /** S3 control calls (ListBuckets, GetBucketLocation) of one account. */
  public static final String AWS_S3 = "aws.s3";

  /** STS calls of one account in one region. */
  public static final String AWS_STS = "aws.sts";

  /** Azure Resource Manager reads of one subscription by one principal. */
  public static final String AZURE_ARM = "azure.arm";

  /** Compute Engine API reads of one project. */
  public static final String GCP_COMPUTE = "gcp.compute";

  private final TokenBuckets buckets;
  private final Map<String, RateBudget> budgets;
  private final Duration maxWait;

  public ApiBudgets(TokenBuckets buckets, Map<String, RateBudget> budgets, Duration maxWait) {
    this.buckets = Objects.requireNonNull(buckets, "buckets");
    this.budgets = Map.copyOf(budgets);
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
  }

  /** No budget at all: every call goes out at once (local runs without a shared store, tests). */
  public static ApiBudgets unlimited() {
    return new ApiBudgets(TokenBuckets.inProcess(), Map.of(), Duration.ZERO);
  }

  /**
   * The providers' documented limits for the read calls a sync makes, used where the configuration
   * sets none. These are the providers' defaults for a whole account; the budget leaves nothing for
   * other tools in that account, so deployments sharing an account with others configure less.
   */
  public static Map<String, RateBudget> documentedDefaults() {
    Map<String, RateBudget> defaults = new LinkedHashMap<>();
    // EC2 "Request token bucket sizes and refill rates" (ec2 API throttling docs): non-mutating
    // actions (Describe*) share a bucket of 100 tokens refilled at 20 per second, per account and
    // region.
    defaults.put(AWS_EC2, new RateBudget(100, 20));
    // S3 has no per-account rate documented for ListBuckets/GetBucketLocation; S3 guarantees 5 500
    // GET/HEAD per second per prefix. A sync needs a handful per account: keep well below.
    defaults.put(AWS_S3, new RateBudget(50, 50));
    // STS quotas (IAM and STS quotas page): 600 requests per second per account per region for
    // AssumeRole and GetCallerIdentity.
    defaults.put(AWS_STS, new RateBudget(600, 600));
    // Azure Resource Manager throttling (token bucket algorithm, 2024): subscription reads have a
    // bucket of 250 refilled at 25 per second, per security principal and subscription (the older
    // documented limit was 12 000 reads per hour, i.e. 3.3 per second).
    defaults.put(AZURE_ARM, new RateBudget(250, 25));
    // Compute Engine API rate quotas: "Read requests per minute" default 1 500 per project
    // (25 per second); the bucket allows the same burst a minute-based quota tolerates.
    defaults.put(GCP_COMPUTE, new RateBudget(25, 25));
    return Map.copyOf(defaults);
  }

  /** The budget of {@code api}, when it has one. */
  public Optional<RateBudget> budget(String api) {
    return Optional.ofNullable(budgets.get(api));
  }

  /** The same budgets, with calls waiting at most {@code wait} for a token. */
  public ApiBudgets withMaxWait(Duration wait) {
    return new ApiBudgets(buckets, budgets, wait);
  }

  /** The longest a call waits for a token. */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * Takes one token for a call to {@code api} on {@code scope} (e.g. {@code
   * 123456789012/eu-west-1}), waiting for it at most {@link #maxWait()}. APIs without a budget pass
   * at once.
   *
   * @throws RetryableException when no token comes within the wait, or the wait is interrupted
   */
  public void acquire(String api, String scope) {
    RateBudget budget = budgets.get(api);
    if (budget == null) {
      return;
    }
    // The budget is part of the key, so workers configured differently do not share a bucket whose
    // stored configuration would silently win.
    Bucket bucket =
        buckets.bucket(
            "budget#" + api + "#" + scope + "#" + budget.toSpec(), budget.configuration());
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      while (true) {
        // A token is taken only when the call is about to go out (no reservation of a future
        // token to sleep on): a thread woken late cannot bunch calls above the budget.
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
          return;
        }
        long wait = probe.getNanosToWaitForRefill();
        if (System.nanoTime() + wait > deadline) {
          throw new RetryableException(
              "rate-budget",
              "the shared rate budget of "
                  + api
                  + " on "
                  + scope
                  + " ("
                  + budget.toSpec()
                  + " calls, per second) has no token within "
                  + maxWait.toMillis()
                  + " ms; the sync is retried later",
              null,
              Duration.ofSeconds(1));
        }
        // Up to twice the refill time, so the waiters spread over the coming tokens instead of
        // all asking again at the same instant.
        long pause = wait + ThreadLocalRandom.current().nextLong(wait + 1);
        Thread.sleep(Duration.ofNanos(Math.max(pause, 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(
          "rate-budget",
          "interrupted while waiting for the rate budget of " + api + " on " + scope);
    } catch (RetryableException e) {
      throw e;
    } catch (RuntimeException e) {
      // The shared store failed or stayed contended too long: the call cannot be budgeted now.
      throw new RetryableException(
          "rate-budget-unavailable",
          "the shared rate budget of " + api + " on " + scope + " could not be read or updated",
          e);
    }
  }
}
