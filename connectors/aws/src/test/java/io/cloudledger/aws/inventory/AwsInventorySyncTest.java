package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.CallCount;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.EstateChange;
import io.cloudledger.sandbox.estate.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Syncs a multi-account sandbox estate through the real SDK clients and the core sync engine. */
class AwsInventorySyncTest {
  private static Sandbox sandbox;
  private static SandboxSessions sessions;
  private static final Map<String, AwsInventorySource> SOURCES = new LinkedHashMap<>();

  @BeforeAll
  static void startSandbox() {
    // Five accounts: the second and the fifth demand an ExternalId.
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(5).withResourcesPerAccount(100));
    sessions = new SandboxSessions(sandbox);
    for (AwsAccount account : sandbox.estate().accounts()) {
      SOURCES.put(account.accountId(), sessions.source(account, SandboxSync.FAST));
    }
  }

  @AfterAll
  static void stopSandbox() {
    SOURCES.values().forEach(AwsInventorySource::close);
    sandbox.close();
  }

  private static List<SyncResult> syncAll(SandboxSync sync) {
    List<SyncResult> results = new ArrayList<>();
    for (AwsAccount account : sandbox.estate().accounts()) {
      results.add(sync.sync(account, SOURCES.get(account.accountId())));
    }
    return results;
  }

  private static void assertStoreMatchesEstate(SandboxSync sync) {
    for (AwsAccount account : sandbox.estate().accounts()) {
      assertThat(ExpectedInventory.observed(sync.store.live(SandboxSync.key(account))))
          .as("inventory of %s", account.accountId())
          .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(account));
    }
  }

  @Test
  void sync_ofMultiAccountEstate_storesExactlyTheGeneratedResourcesNormalized() {
    assertThat(sandbox.estate().accounts())
        .filteredOn(a -> a.requiredExternalId().isPresent())
        .hasSizeGreaterThanOrEqualTo(2);
    SandboxSync sync = new SandboxSync();

    List<SyncResult> results = syncAll(sync);

    assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(SyncStatus.SUCCEEDED));
    assertStoreMatchesEstate(sync);
    long expected = sandbox.estate().accounts().stream().mapToLong(AwsAccount::resourceCount).sum();
    assertThat(results.stream().mapToLong(r -> r.counts().created()).sum()).isEqualTo(expected);
    assertThat(sync.store.puts()).isEqualTo(expected);
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.counts(ResourceType.VM).seen()).isPositive();
              assertThat(r.counts(ResourceType.STORAGE).seen()).isPositive();
            });
  }

  @Test
  void sync_repeatedWithoutChanges_writesNothing() {
    SandboxSync sync = new SandboxSync();
    syncAll(sync);
    sync.store.resetCounts();

    List<SyncResult> second = syncAll(sync);

    assertThat(sync.store.puts()).isZero();
    assertThat(sync.store.tombstones()).isZero();
    assertThat(second)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(SyncStatus.SUCCEEDED);
              assertThat(r.counts().writes()).isZero();
              assertThat(r.counts().unchanged()).isEqualTo(r.counts().seen()).isPositive();
            });
  }

  @Test
  void sync_afterEstateAdvances_countsExactlyTheCreatedChangedAndDeletedResources() {
    SandboxSync sync = new SandboxSync();
    syncAll(sync);
    sync.store.resetCounts();

    EstateChange change = sandbox.advance(0.1);
    List<SyncResult> results = syncAll(sync);

    assertThat(change.created()).isNotEmpty();
    assertThat(change.deleted()).isNotEmpty();
    assertThat(change.modified()).isNotEmpty();
    for (int i = 0; i < results.size(); i++) {
      String accountId = sandbox.estate().accounts().get(i).accountId();
      SyncResult result = results.get(i);
      assertThat(result.counts().created())
          .as("created in %s", accountId)
          .isEqualTo(countIn(change.created(), accountId));
      assertThat(result.counts().changed())
          .as("changed in %s", accountId)
          .isEqualTo(countIn(change.modified(), accountId));
      assertThat(result.counts().tombstoned())
          .as("tombstoned in %s", accountId)
          .isEqualTo(countIn(change.deleted(), accountId));
    }
    assertThat(sync.store.puts()).isEqualTo(change.created().size() + change.modified().size());
    assertThat(sync.store.tombstones()).isEqualTo(change.deleted().size());
    assertStoreMatchesEstate(sync);
  }

  @Test
  void list_callsPerAccount_growWithPagesNotResources() {
    int pageSize = 5;
    AwsSourceSettings smallPages = SandboxSync.FAST.withPageSize(pageSize);
    SandboxSync sync = new SandboxSync();
    for (AwsAccount account : sandbox.estate().accounts()) {
      sandbox.counters().reset();
      try (AwsInventorySource source = sessions.source(account, smallPages)) {
        SyncResult result = sync.sync(account, source);
        assertThat(result.status()).isEqualTo(SyncStatus.SUCCEEDED);

        long sandboxCalls = callsOf(account.accountId());
        long pages = pages(account, pageSize);
        int regions = account.enabledRegions().size();
        // Every scope needs at least one call per page; on top: AssumeRole and DescribeRegions.
        assertThat(sandboxCalls)
            .as("calls of %s (%d pages, %d regions)", account.accountId(), pages, regions)
            .isBetween(pages, pages + regions + 2);
        assertThat(result.run().apiCalls()).isEqualTo(sandboxCalls);
      }
    }
    assertStoreMatchesEstate(sync);
  }

  @Test
  void list_reportsApiCallsOfEachListingOnly() {
    AwsAccount account = sandbox.estate().accounts().getFirst();
    AtomicLong pages = new AtomicLong();
    ListingReport first =
        SOURCES
            .get(account.accountId())
            .list(SandboxSync.key(account), SandboxSync.ALL_TYPES, page -> pages.incrementAndGet());
    ListingReport second =
        SOURCES
            .get(account.accountId())
            .list(SandboxSync.key(account), SandboxSync.ALL_TYPES, page -> {});

    assertThat(first.outcomes()).allSatisfy(o -> assertThat(o.complete()).isTrue());
    assertThat(pages.get()).isPositive();
    // Credentials are cached between listings: the same calls again, no more.
    assertThat(second.apiCalls()).isPositive().isLessThanOrEqualTo(first.apiCalls());
  }

  private static long countIn(List<ResourceRef> refs, String accountId) {
    return refs.stream().filter(r -> r.accountId().equals(accountId)).count();
  }

  private static long callsOf(String accountId) {
    return sandbox.counters().snapshot().stream()
        .filter(c -> c.account().equals(accountId))
        .mapToLong(CallCount::calls)
        .sum();
  }

  /** Pages needed at {@code pageSize}: every (region, type) takes at least one, even empty. */
  private static long pages(AwsAccount account, int pageSize) {
    long pages = 0;
    for (String region : account.enabledRegions()) {
      pages += pagesOf(account.instancesIn(region).size(), pageSize);
      pages += pagesOf(account.vpcsIn(region).size(), pageSize);
      pages += pagesOf(account.subnetsIn(region).size(), pageSize);
    }
    return pages + pagesOf(account.buckets().size(), pageSize);
  }

  private static long pagesOf(int items, int pageSize) {
    return Math.max(1, (items + pageSize - 1) / pageSize);
  }
}
