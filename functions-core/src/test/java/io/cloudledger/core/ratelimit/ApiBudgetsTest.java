package io.cloudledger.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.RetryableException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiBudgetsTest {

  @Test
  void acquire_withinTheBudget_passesAtOnce() {
    ApiBudgets budgets =
        new ApiBudgets(
            TokenBuckets.inProcess(), Map.of("aws.ec2", new RateBudget(3, 1)), Duration.ZERO);

    for (int i = 0; i < 3; i++) {
      budgets.acquire("aws.ec2", "111111111111/us-east-1");
    }
    // Another scope (region) has its own bucket; an API without a budget is not limited.
    budgets.acquire("aws.ec2", "111111111111/eu-west-1");
    budgets.acquire("aws.s3", "111111111111/us-east-1");
  }

  @Test
  void acquire_whenTheWaitWouldExceedMaxWait_failsRetryableNamingApiAndScope() {
    ApiBudgets budgets =
        new ApiBudgets(
            TokenBuckets.inProcess(),
            Map.of("azure.arm", new RateBudget(1, 1)),
            Duration.ofMillis(100));
    budgets.acquire("azure.arm", "sub/principal");

    assertThatThrownBy(() -> budgets.acquire("azure.arm", "sub/principal"))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("azure.arm")
        .hasMessageContaining("sub/principal")
        .hasMessageContaining("100 ms");
  }

  @Test
  void acquire_waitsForTheNextToken_whenItComesWithinMaxWait() {
    ApiBudgets budgets =
        new ApiBudgets(
            TokenBuckets.inProcess(),
            Map.of("gcp.compute", new RateBudget(1, 10)),
            Duration.ofSeconds(5));
    budgets.acquire("gcp.compute", "project");

    long started = System.nanoTime();
    budgets.acquire("gcp.compute", "project");
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;

    // One token per 100 ms: the second call waited for it (with jitter, under 5 s).
    assertThat(waitedMillis).isBetween(50L, 5_000L);
  }

  @Test
  void unlimited_neverWaits() {
    ApiBudgets budgets = ApiBudgets.unlimited();
    for (int i = 0; i < 1000; i++) {
      budgets.acquire(ApiBudgets.AWS_EC2, "x");
    }
    assertThat(budgets.budget(ApiBudgets.AWS_EC2)).isEmpty();
  }

  @Test
  void rateBudget_parse_readsBothForms_andRejectsOthers() {
    assertThat(RateBudget.parse("100/20")).isEqualTo(new RateBudget(100, 20));
    assertThat(RateBudget.parse("7")).isEqualTo(new RateBudget(7, 7));
    assertThatThrownBy(() -> RateBudget.parse("1/2/3")).hasMessageContaining("CAPACITY/PER_SECOND");
    assertThatThrownBy(() -> RateBudget.parse("0/5")).hasMessageContaining("capacity >= 1");
  }
}
