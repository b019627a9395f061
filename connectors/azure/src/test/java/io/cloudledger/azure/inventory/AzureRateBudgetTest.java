package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.RateBudget;
import io.cloudledger.core.ratelimit.TokenBuckets;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every ARM attempt of a subscription draws from its budget (per principal) before it is sent. */
class AzureRateBudgetTest {

  @Test
  void list_whenTheSubscriptionsBudgetIsSpent_failsScopesRetryably_withoutSendingThem() {
    try (Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(20)
                .withAzure(AzureSandboxOptions.none().withSubscriptions(1)))) {
      // One call per second and no waiting: one listing gets the token, the others cannot.
      ApiBudgets oneCall =
          new ApiBudgets(
              TokenBuckets.inProcess(),
              Map.of(ApiBudgets.AZURE_ARM, new RateBudget(1, 1)),
              Duration.ZERO);
      AzureSourceSettings settings =
          SandboxAzure.FAST
              .withParallelism(1)
              .withClients(SandboxAzure.FAST.clients().withMaxRetries(0).withBudgets(oneCall));
      long armCallsBefore = sandbox.counters().totalCalls();
      AzureInventorySource source = new SandboxAzure(sandbox).source(settings);

      ListingReport report =
          source.list(
              SandboxAzure.key(sandbox.estate().azure().subscriptions().getFirst()),
              SandboxAzure.ALL_TYPES,
              p -> {});

      assertThat(report.outcomes()).filteredOn(o -> o.complete()).hasSizeLessThanOrEqualTo(1);
      assertThat(report.outcomes())
          .filteredOn(o -> !o.complete())
          .isNotEmpty()
          .allSatisfy(
              o -> {
                assertThat(o.status()).isEqualTo(ListingStatus.FAILED);
                assertThat(o.reason()).startsWith("rate-budget");
              });
      assertThat(sandbox.counters().totalCalls()).isGreaterThan(armCallsBefore);
    }
  }
}
