package io.cloudledger.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ContentHasher;
import io.cloudledger.core.model.Observations;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryInventoryStoreTest {
  private static final AccountKey AWS = AccountKey.parse("aws#123456789012");
  private static final AccountKey GCP = AccountKey.parse("gcp#demo-project");
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);

  private static Resource resource(AccountKey account, ResourceObservation observation) {
    return Resource.observed(
        account, observation, ContentHasher.hash(account, observation), T0, T0);
  }

  private static Tombstone tombstone(String key, Instant at) {
    return new Tombstone(key, at, at.plus(Duration.ofDays(1)).getEpochSecond(), null);
  }

  @Test
  void hashes_projectEveryItemOfTheAccountIncludingTombstones() {
    Resource vm = resource(AWS, Observations.vm("us-east-1", "i-1"));
    Resource other = resource(AWS, Observations.vm("us-east-1", "i-2"));
    store.apply(ChangeSet.puts(AWS, List.of(vm, other)));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(other.resourceKey(), T0))));

    assertThat(store.hashes(AWS))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                vm.resourceKey(),
                new StoredHash(vm.resourceKey(), vm.contentHash(), T0, false),
                other.resourceKey(),
                new StoredHash(other.resourceKey(), other.contentHash(), T0, true)));
    assertThat(store.hashes(GCP)).isEmpty();
  }

  @Test
  void apply_tombstoneOfUnknownKey_isIgnored() {
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone("vm#us-east-1#nope", T0))));

    assertThat(store.hashes(AWS)).isEmpty();
  }

  @Test
  void apply_putAfterTombstone_clearsTheTombstoneAndItsExpiry() {
    Resource vm = resource(AWS, Observations.vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(vm.resourceKey(), T0))));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));

    clock.advance(Duration.ofDays(2));

    assertThat(store.query(InventoryQuery.account(AWS))).containsExactly(vm);
  }

  @Test
  void tombstonedItem_disappearsOnceItsTtlPasses() {
    Resource vm = resource(AWS, Observations.vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(vm.resourceKey(), T0))));

    clock.advance(Duration.ofDays(1).minusSeconds(1));
    assertThat(store.query(InventoryQuery.all().includingDeleted())).hasSize(1);
    assertThat(store.query(InventoryQuery.all())).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(store.query(InventoryQuery.all().includingDeleted())).isEmpty();
    assertThat(store.hashes(AWS)).isEmpty();
  }

  @Test
  void query_filtersByProviderTypeAndAccount_orderedByAccountThenKey() {
    Resource awsVm = resource(AWS, Observations.vm("us-east-1", "i-1"));
    Resource awsBucket =
        resource(AWS, Observations.of(ResourceType.STORAGE, "eu-west-1", "bucket"));
    Resource gcpVm = resource(GCP, Observations.vm("europe-west1", "42"));
    store.apply(ChangeSet.puts(GCP, List.of(gcpVm)));
    store.apply(ChangeSet.puts(AWS, List.of(awsVm, awsBucket)));

    assertThat(store.query(InventoryQuery.all())).containsExactly(awsBucket, awsVm, gcpVm);
    assertThat(store.query(InventoryQuery.all().withProviders(Set.of(Provider.GCP))))
        .containsExactly(gcpVm);
    assertThat(store.query(InventoryQuery.all().withTypes(Set.of(ResourceType.VM))))
        .containsExactly(awsVm, gcpVm);
    assertThat(store.query(InventoryQuery.account(AWS).withTypes(Set.of(ResourceType.STORAGE))))
        .containsExactly(awsBucket);
  }

  @Test
  void query_derivesLastSeenFromTheLatestCompleteListingCoveringTheResource() {
    Resource vm = resource(AWS, Observations.vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    Instant regional = T0.plus(Duration.ofHours(1));
    Instant everywhere = T0.plus(Duration.ofHours(2));
    Instant failedLater = T0.plus(Duration.ofHours(3));
    Scope us = Scope.of("us-east-1", ResourceType.VM);
    store.saveScopes(
        AWS,
        List.of(
            new ScopeStatus(us, regional, ListingStatus.COMPLETE, "", 1, regional),
            new ScopeStatus(
                Scope.allRegions(ResourceType.VM),
                everywhere,
                ListingStatus.COMPLETE,
                "",
                1,
                everywhere),
            new ScopeStatus(
                Scope.of("eu-west-1", ResourceType.VM),
                failedLater,
                ListingStatus.FAILED,
                "timeout",
                0,
                null)));

    assertThat(store.query(InventoryQuery.account(AWS)))
        .singleElement()
        .extracting(Resource::lastSeen)
        .isEqualTo(everywhere);
  }

  @Test
  void saveScopes_replacesOnlyTheGivenScopes() {
    Scope us = Scope.of("us-east-1", ResourceType.VM);
    Scope eu = Scope.of("eu-west-1", ResourceType.VM);
    ScopeStatus usFirst = new ScopeStatus(us, T0, ListingStatus.COMPLETE, "", 3, T0);
    ScopeStatus euFirst = new ScopeStatus(eu, T0, ListingStatus.COMPLETE, "", 1, T0);
    ScopeStatus usFailed =
        new ScopeStatus(us, T0.plusSeconds(60), ListingStatus.FAILED, "throttled", 0, T0);

    store.saveScopes(AWS, List.of(usFirst, euFirst));
    store.saveScopes(AWS, List.of(usFailed));

    assertThat(store.scopes(AWS)).containsExactlyInAnyOrder(usFailed, euFirst);
    assertThat(store.scopes(GCP)).isEmpty();
  }
}
