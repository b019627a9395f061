package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.estate.EstateChange;
import io.cloudledger.sandbox.estate.ResourceRef;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Throttling, denied and cut-short listings, and refused credentials, through the real SDK. */
class AzureInventoryFailureTest {
  private static final int PAGE_SIZE = 20;
  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    // Retry-After 0 keeps throttled retries fast; one test below checks a real Retry-After.
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(100)
                .withAzure(
                    AzureSandboxOptions.none()
                        .withSubscriptions(2)
                        .withPageSize(PAGE_SIZE)
                        .withRetryAfterSeconds(0)));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static AzureSubscription first() {
    return sandbox.estate().azure().subscriptions().getFirst();
  }

  private static AzureSourceSettings retries(int maxRetries) {
    return SandboxAzure.FAST.withClients(SandboxAzure.FAST.clients().withMaxRetries(maxRetries));
  }

  @Test
  void sync_underThirtyPercentThrottling_completesWithExactContent() {
    SandboxAzure sync = new SandboxAzure(sandbox);
    AzureInventorySource source = sync.source(retries(10));
    sandbox
        .faults()
        .replace(
            FaultPlan.parse(
                "VirtualMachines_ListAll:throttle=0.3;StorageAccounts_List:throttle=0.3;"
                    + "VirtualNetworks_ListAll:throttle=0.3;Subscriptions_List:throttle=0.3"));

    for (AzureSubscription subscription : sandbox.estate().azure().subscriptions()) {
      SyncResult result = sync.sync(subscription, source);

      assertThat(result.status()).isEqualTo(SyncStatus.SUCCEEDED);
      assertThat(ExpectedAzureInventory.observed(sync.store.live(SandboxAzure.key(subscription))))
          .containsExactlyInAnyOrderEntriesOf(ExpectedAzureInventory.of(subscription));
    }
    long injected =
        sandbox.counters().injectedFaults(AzureRoute.VIRTUAL_MACHINES_LIST_ALL)
            + sandbox.counters().injectedFaults(AzureRoute.STORAGE_ACCOUNTS_LIST)
            + sandbox.counters().injectedFaults(AzureRoute.VIRTUAL_NETWORKS_LIST_ALL);
    assertThat(injected).as("throttles answered").isPositive();
  }

  @Test
  void sync_whenVmListingIsDenied_failsThatScopeOnlyAndTombstonesNoVm() {
    assertVmFailureKeepsVms("deny", retries(2), "AuthorizationFailed");
  }

  @Test
  void sync_whenVmListingFailsAfterItsFirstPage_tombstonesNoVm() {
    assertThat(first().vms().size()).isGreaterThan(PAGE_SIZE);
    assertVmFailureKeepsVms("failAfterPage=1", retries(1), "InternalServerError");
  }

  private void assertVmFailureKeepsVms(String fault, AzureSourceSettings settings, String code) {
    SandboxAzure sync = new SandboxAzure(sandbox);
    AzureInventorySource source = sync.source(settings);
    AzureSubscription before = first();
    sync.sync(before, source);
    long vmsBefore = liveOfType(sync, ResourceType.VM);
    EstateChange change = sandbox.advance(0.2);
    AzureSubscription after = first();
    sync.store.resetCounts();
    sandbox
        .faults()
        .replace(
            FaultPlan.parse(
                AzureRoute.VIRTUAL_MACHINES_LIST_ALL + "@" + after.subscriptionId() + ":" + fault));

    SyncResult result = sync.sync(after, source);

    assertThat(result.status()).isEqualTo(SyncStatus.PARTIAL);
    assertThat(result.failedScopes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.scope()).isEqualTo(Scope.allRegions(ResourceType.VM));
              assertThat(o.reason()).contains(code);
            });
    // VMs deleted by advance stay live: a failed listing proves nothing about them.
    assertThat(deletedOfType(change, after, io.cloudledger.sandbox.estate.ResourceType.AZURE_VM))
        .isPositive();
    assertThat(result.counts(ResourceType.VM).tombstoned()).isZero();
    assertThat(liveOfType(sync, ResourceType.VM)).isGreaterThanOrEqualTo(vmsBefore);
    // Storage accounts were listed completely: their deletions are tombstoned.
    assertThat(result.counts(ResourceType.STORAGE).tombstoned())
        .isEqualTo(
            deletedOfType(
                change, after, io.cloudledger.sandbox.estate.ResourceType.AZURE_STORAGE_ACCOUNT));
  }

  @Test
  void list_whenThrottledBeyondRetries_failsTheScopeAsThrottled() {
    AzureInventorySource source = new SandboxAzure(sandbox).source(retries(1));
    sandbox.faults().replace(FaultPlan.parse("StorageAccounts_List:throttle=1"));

    ListingReport report = source.list(SandboxAzure.key(first()), SandboxAzure.ALL_TYPES, p -> {});

    assertThat(report.outcomes())
        .filteredOn(o -> !o.complete())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.scope()).isEqualTo(Scope.allRegions(ResourceType.STORAGE));
              assertThat(o.status()).isEqualTo(ListingStatus.FAILED);
              assertThat(o.reason()).startsWith("throttled").contains("429");
            });
    // The first attempt and one retry.
    assertThat(sandbox.counters().calls(AzureRoute.STORAGE_ACCOUNTS_LIST)).isGreaterThan(0);
  }

  @Test
  void list_whenNetworkListingFails_failsNetworksAndSubnetsTogether() {
    AzureInventorySource source = new SandboxAzure(sandbox).source(retries(0));
    sandbox.faults().replace(FaultPlan.parse("VirtualNetworks_ListAll:error5xx=1"));

    ListingReport report = source.list(SandboxAzure.key(first()), SandboxAzure.ALL_TYPES, p -> {});

    assertThat(report.outcomes())
        .filteredOn(o -> !o.complete())
        .extracting(ScopeOutcome::scope)
        .containsExactlyInAnyOrder(
            Scope.allRegions(ResourceType.NETWORK), Scope.allRegions(ResourceType.SUBNET));
  }

  @Test
  void list_whenClientSecretIsWrong_failsPermanentlyWithoutRevealingIt() {
    sandbox.counters().reset();
    SandboxAzure azure = new SandboxAzure(sandbox);
    String wrong = "not-the-secret-7f3a9c";
    AzureInventorySource source =
        AzureInventorySource.create(
            azure.session(List.of(first().subscriptionId()), SandboxAzure.SECRET_NAME),
            SandboxAzure.resolver(wrong),
            retries(0));

    assertThatThrownBy(
            () -> source.list(SandboxAzure.key(first()), Set.of(ResourceType.VM), p -> {}))
        .isInstanceOf(PermanentException.class)
        .satisfies(
            e -> {
              assertThat(((PermanentException) e).reason()).isEqualTo("authentication-failed");
              assertThat(e.getMessage()).contains("azure_sandbox").doesNotContain(wrong);
            });
    assertThat(
            sandbox
                .counters()
                .calls(AzureRoute.VIRTUAL_MACHINES_LIST_ALL, first().subscriptionId()))
        .isZero();
  }

  @Test
  void list_ofASubscriptionTheSandboxDoesNotHave_failsEveryScopeAsNotFound() {
    String unknown = "00000000-0000-0000-0000-0000000000aa";
    AzureInventorySource source =
        AzureInventorySource.create(
            new SandboxAzure(sandbox).session(List.of(unknown), SandboxAzure.SECRET_NAME),
            new SandboxAzure(sandbox).resolver(),
            retries(0));

    assertThat(source.accounts()).containsExactly(AccountKey.of(Provider.AZURE, unknown));
    ListingReport report =
        source.list(AccountKey.of(Provider.AZURE, unknown), SandboxAzure.ALL_TYPES, p -> {});

    assertThat(report.outcomes())
        .hasSize(4)
        .allSatisfy(
            o -> {
              assertThat(o.status()).isEqualTo(ListingStatus.FAILED);
              assertThat(o.reason()).startsWith("not-found").contains("SubscriptionNotFound");
            });
  }

  @Test
  void list_whenThrottledWithRetryAfter_waitsAsLongAsArmAsks() {
    try (Sandbox slow =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withAzure(AzureSandboxOptions.none().withSubscriptions(1).withRetryAfterSeconds(1))
                .withFaults("VirtualMachines_ListAll:throttle=first1"))) {
      AzureSubscription subscription = slow.estate().azure().subscriptions().getFirst();
      // Backoff of milliseconds: only the Retry-After header can make the retry wait a second.
      AzureInventorySource source =
          new SandboxAzure(slow)
              .source(
                  SandboxAzure.FAST.withClients(
                      AzureClientSettings.defaults()
                          .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))));

      long started = System.nanoTime();
      ListingReport report =
          source.list(SandboxAzure.key(subscription), Set.of(ResourceType.VM), p -> {});
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.complete()).isTrue());
      assertThat(slow.counters().injectedFaults(AzureRoute.VIRTUAL_MACHINES_LIST_ALL)).isOne();
      assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
  }

  private static long liveOfType(SandboxAzure sync, ResourceType type) {
    return sync.store.live(SandboxAzure.key(first())).stream()
        .map(Resource::type)
        .filter(type::equals)
        .count();
  }

  private static long deletedOfType(
      EstateChange change,
      AzureSubscription subscription,
      io.cloudledger.sandbox.estate.ResourceType type) {
    return change.deleted().stream()
        .filter(r -> r.accountId().equals(subscription.subscriptionId()))
        .map(ResourceRef::type)
        .filter(type::equals)
        .count();
  }
}
