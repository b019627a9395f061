package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.CallCount;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10 accounts x 1667 resources (10 000 instances) synced through AssumeRole: every account
 * complete, the calls bounded by pages, and a time bound generous enough for a busy 2-core box.
 */
class AwsInventoryScaleTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        Sandbox.start(SandboxOptions.defaults().withAccounts(10).withResourcesPerAccount(1667));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void sync_ofTenThousandInstances_completesWithCallsBoundedByPages() {
    SandboxSessions sessions = new SandboxSessions(sandbox);
    SandboxSync sync = new SandboxSync();
    List<SyncResult> results = new ArrayList<>();

    long started = System.nanoTime();
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (AwsInventorySource source = sessions.source(account, SandboxSync.FAST)) {
        results.add(sync.sync(account, source));
      }
    }
    Duration first = Duration.ofNanos(System.nanoTime() - started);
    sandbox.counters().reset();
    started = System.nanoTime();
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (AwsInventorySource source = sessions.source(account, SandboxSync.FAST)) {
        sync.sync(account, source);
      }
    }
    Duration second = Duration.ofNanos(System.nanoTime() - started);

    long resources =
        sandbox.estate().accounts().stream().mapToLong(AwsAccount::resourceCount).sum();
    assertThat(sandbox.estate().instanceCount()).isEqualTo(10_000);
    assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(SyncStatus.SUCCEEDED));
    assertThat(sync.store.puts()).isEqualTo(resources);
    for (AwsAccount account : sandbox.estate().accounts()) {
      long calls =
          sandbox.counters().snapshot().stream()
              .filter(c -> c.account().equals(account.accountId()))
              .mapToLong(CallCount::calls)
              .sum();
      // Pages of 1000: one call per (region, type) and for the buckets, plus two.
      assertThat(calls).isLessThanOrEqualTo(3L * account.enabledRegions().size() + 1 + 2);
    }
    System.out.printf(
        "AWS inventory scale: %d resources in 10 accounts, first sync %d ms, unchanged resync %d"
            + " ms, %d calls on the resync%n",
        resources, first.toMillis(), second.toMillis(), sandbox.counters().totalCalls());
    assertThat(first).isLessThan(Duration.ofSeconds(60));
    assertThat(second).isLessThan(Duration.ofSeconds(30));
  }
}
