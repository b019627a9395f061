package io.cloudledger.core.config;

import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.RateBudget;
import io.cloudledger.core.ratelimit.TokenBuckets;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code rate_budgets} section: the request budget per provider API that all sync workers on a
 * shared store draw from ({@code aws.ec2: 100/20} = a bucket of 100 calls refilled at 20 per
 * second), and how long one call may wait for a token ({@code max_wait_seconds}). APIs not named
 * keep {@link ApiBudgets#documentedDefaults()}.
 */
public record RateBudgetConfig(Map<String, RateBudget> budgets, Duration maxWait) {
  /** The keys of the section besides the API names. */
  public static final String MAX_WAIT_SECONDS = "max_wait_seconds";

  /** A call waits at most this long for a token when the file says nothing. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

  public RateBudgetConfig {
    budgets = Map.copyOf(budgets);
  }

  /** These budgets held in {@code buckets} (shared by every worker on a shared store). */
  public ApiBudgets over(TokenBuckets buckets) {
    return new ApiBudgets(buckets, budgets, maxWait);
  }

  /** The providers' documented limits and a 30 s wait. */
  public static RateBudgetConfig defaults() {
    return new RateBudgetConfig(ApiBudgets.documentedDefaults(), DEFAULT_MAX_WAIT);
  }
}
