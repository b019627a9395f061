package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.CallCount;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.estate.EstateChange;
import io.cloudledger.sandbox.estate.ResourceRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Syncs the sandbox's Azure subscriptions through the real SDK managers (client-secret sign-in at
 * the sandbox's token endpoint, ARM list calls with nextLink paging) and the core sync engine.
 */
class AzureInventorySyncTest {
  private static final int PAGE_SIZE = 20;
  private static Sandbox sandbox;
  private static AzureInventorySource source;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(100)
                .withAzure(
                    AzureSandboxOptions.none().withSubscriptions(3).withPageSize(PAGE_SIZE)));
    source = new SandboxAzure(sandbox).source(SandboxAzure.FAST);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static List<AzureSubscription> subscriptions() {
    return sandbox.estate().azure().subscriptions();
  }

  private static List<SyncResult> syncAll(SandboxAzure sync) {
    List<SyncResult> results = new ArrayList<>();
    for (AzureSubscription subscription : subscriptions()) {
      results.add(sync.sync(subscription, source));
    }
    return results;
  }

  private static void assertStoreMatchesEstate(SandboxAzure sync) {
    for (AzureSubscription subscription : subscriptions()) {
      assertThat(ExpectedAzureInventory.observed(sync.store.live(SandboxAzure.key(subscription))))
          .as("inventory of %s", subscription.subscriptionId())
          .containsExactlyInAnyOrderEntriesOf(ExpectedAzureInventory.of(subscription));
    }
  }

  @Test
  void accounts_withoutConfiguredSubscriptions_areEverySubscriptionThePrincipalCanList() {
    assertThat(source.accounts())
        .containsExactlyElementsOf(subscriptions().stream().map(SandboxAzure::key).toList());
  }

  @Test
  void sync_ofEverySubscription_storesExactlyTheGeneratedResourcesNormalized() {
    SandboxAzure sync = new SandboxAzure(sandbox);

    List<SyncResult> results = syncAll(sync);

    assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(SyncStatus.SUCCEEDED));
    assertStoreMatchesEstate(sync);
    long expected = subscriptions().stream().mapToLong(AzureSubscription::resourceCount).sum();
    assertThat(sync.store.puts()).isEqualTo(expected);
    assertThat(results.stream().mapToLong(r -> r.counts().created()).sum()).isEqualTo(expected);
  }

  @Test
  void sync_repeatedWithoutChanges_writesNothing() {
    SandboxAzure sync = new SandboxAzure(sandbox);
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
    SandboxAzure sync = new SandboxAzure(sandbox);
    syncAll(sync);
    sync.store.resetCounts();

    EstateChange change = sandbox.advance(0.1);
    List<SyncResult> results = syncAll(sync);

    long created = 0;
    long modified = 0;
    long deleted = 0;
    for (int i = 0; i < results.size(); i++) {
      String id = subscriptions().get(i).subscriptionId();
      SyncResult result = results.get(i);
      assertThat(countIn(change.created(), id)).as("created in %s", id).isPositive();
      assertThat(result.counts().created())
          .as("created in %s", id)
          .isEqualTo(countIn(change.created(), id));
      assertThat(result.counts().changed())
          .as("changed in %s", id)
          .isEqualTo(countIn(change.modified(), id));
      assertThat(result.counts().tombstoned())
          .as("tombstoned in %s", id)
          .isEqualTo(countIn(change.deleted(), id));
      created += countIn(change.created(), id);
      modified += countIn(change.modified(), id);
      deleted += countIn(change.deleted(), id);
    }
    assertThat(modified).isPositive();
    assertThat(deleted).isPositive();
    assertThat(sync.store.puts()).isEqualTo(created + modified);
    assertThat(sync.store.tombstones()).isEqualTo(deleted);
    assertStoreMatchesEstate(sync);
  }

  @Test
  void list_callsPerSubscription_areExactlyOnePerPage() {
    for (AzureSubscription subscription : subscriptions()) {
      sandbox.counters().reset();
      ListingReport report =
          source.list(SandboxAzure.key(subscription), SandboxAzure.ALL_TYPES, page -> {});

      long pages =
          pages(subscription.vms().size())
              + pages(subscription.storageAccounts().size())
              + pages(subscription.virtualNetworks().size());
      assertThat(report.outcomes()).hasSize(4).allSatisfy(o -> assertThat(o.complete()).isTrue());
      assertThat(callsOf(subscription.subscriptionId())).isEqualTo(pages);
      assertThat(report.apiCalls()).isEqualTo(pages);
      assertThat(sandbox.counters().calls(AzureRoute.VIRTUAL_MACHINES_LIST_ALL))
          .as("VM pages of %d VMs", subscription.vms().size())
          .isEqualTo(pages(subscription.vms().size()))
          .isGreaterThan(1);
    }
  }

  @Test
  void cloudledgerYaml_ofTheSandbox_signsInAndListsEverySubscription() {
    CloudledgerConfig config =
        ConfigLoader.parse(sandbox.cloudledgerYaml(), Path.of("sandbox-cloudledger.yaml"));
    AzureSession session = (AzureSession) config.sessions(SessionType.AZURE).getFirst();
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of("AZURE_CLIENT_SECRET", sandbox.azurePrincipal().clientSecret()),
            SecretLookup.none());
    AzureInventorySource generated =
        AzureInventorySource.create(session, resolver, SandboxAzure.FAST);

    assertThat(generated.accounts())
        .containsExactlyElementsOf(subscriptions().stream().map(SandboxAzure::key).toList());
    ListingReport report =
        generated.list(
            SandboxAzure.key(subscriptions().getFirst()), SandboxAzure.ALL_TYPES, page -> {});
    assertThat(report.outcomes()).hasSize(4).allSatisfy(o -> assertThat(o.complete()).isTrue());
  }

  private static long pages(int items) {
    return Math.max(1, (items + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  private static long countIn(List<ResourceRef> refs, String accountId) {
    return refs.stream().filter(r -> r.accountId().equals(accountId)).count();
  }

  private static long callsOf(String subscriptionId) {
    return sandbox.counters().snapshot().stream()
        .filter(c -> c.account().equals(subscriptionId))
        .mapToLong(CallCount::calls)
        .sum();
  }
}
