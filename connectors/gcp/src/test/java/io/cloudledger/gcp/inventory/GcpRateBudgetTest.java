package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.RateBudget;
import io.cloudledger.core.ratelimit.TokenBuckets;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every Compute call of a project draws from the project's budget before it is sent. */
class GcpRateBudgetTest {

  @Test
  void list_whenTheProjectsBudgetIsSpent_failsTheScopeRetryably_withoutSendingTheCall() {
    try (Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(1)
                .withResourcesPerAccount(20))) {
      // One call per minute and no waiting: the first listing gets the token, the second cannot.
      ApiBudgets oneCall =
          new ApiBudgets(
              TokenBuckets.inProcess(),
              Map.of(ApiBudgets.GCP_COMPUTE, new RateBudget(1, 1)),
              Duration.ZERO);
      try (GcpInventorySource source =
          SandboxGcp.source(
              sandbox,
              SandboxGcp.FAST.withClients(
                  GcpClientSettings.defaults().withMaxAttempts(1).withBudgets(oneCall)))) {
        long before = sandbox.counters().totalCalls();

        ListingReport report =
            source.list(
                SandboxGcp.key(sandbox.estate().gcp().projects().getFirst()),
                Set.of(ResourceType.VM, ResourceType.NETWORK),
                page -> {});

        assertThat(report.outcomes()).hasSize(2);
        assertThat(report.outcomes())
            .filteredOn(o -> o.status() == ListingStatus.FAILED)
            .singleElement()
            .satisfies(o -> assertThat(o.reason()).startsWith("rate-budget"));
        // Only the call that got the token reached Compute (token requests are not Compute).
        assertThat(
                sandbox.counters().calls("instances.aggregatedList")
                    + sandbox.counters().calls("networks.list"))
            .isEqualTo(1);
        assertThat(sandbox.counters().totalCalls() - before).isLessThanOrEqualTo(2);
      }
    }
  }
}
