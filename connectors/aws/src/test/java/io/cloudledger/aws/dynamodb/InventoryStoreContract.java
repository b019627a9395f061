package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.Fixtures.T0;
import static io.cloudledger.aws.dynamodb.Fixtures.resource;
import static io.cloudledger.aws.dynamodb.Fixtures.tombstone;
import static io.cloudledger.aws.dynamodb.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.inventory.StoredHash;
import io.cloudledger.core.inventory.Tombstone;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InventoryStore} must do, run against each implementation: the in-memory
 * reference and DynamoDB must be indistinguishable through the port.
 */
abstract class InventoryStoreContract {
  static final AccountKey AWS = AccountKey.parse("aws#123456789012");
  static final AccountKey OTHER_AWS = AccountKey.parse("aws#210987654321");
  static final AccountKey GCP = AccountKey.parse("gcp#demo");
  static final AccountKey GCP_LONGER = AccountKey.parse("gcp#demo-2");

  final MutableClock clock = new MutableClock(T0);
  InventoryStore store;

  /** A new, empty store whose TTL follows {@code clock}. */
  abstract InventoryStore newStore(MutableClock clock);

  @BeforeEach
  void createStore() {
    store = newStore(clock);
  }

  @Test
  void hashes_projectEveryResourceOfTheAccountIncludingTombstones() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    Resource other = resource(AWS, vm("us-east-1", "i-2"));
    store.apply(ChangeSet.puts(AWS, List.of(vm, other)));
    store.apply(ChangeSet.puts(GCP, List.of(resource(GCP, vm("europe-west1", "9")))));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(other.resourceKey(), T0))));

    assertThat(store.hashes(AWS))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                vm.resourceKey(),
                new StoredHash(vm.resourceKey(), vm.contentHash(), T0, false),
                other.resourceKey(),
                new StoredHash(other.resourceKey(), other.contentHash(), T0, true)));
    assertThat(store.hashes(OTHER_AWS)).isEmpty();
  }

  @Test
  void hashes_leaveScopeRecordsOut() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    store.saveScopes(
        AWS,
        List.of(
            complete(Scope.of("us-east-1", ResourceType.VM), T0),
            complete(Scope.allRegions(ResourceType.STORAGE), T0)));

    assertThat(store.hashes(AWS)).containsOnlyKeys(vm.resourceKey());
  }

  @Test
  void apply_tombstoneOfUnknownKey_isIgnoredAndCreatesNothing() {
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone("vm#us-east-1#nope", T0))));

    assertThat(store.hashes(AWS)).isEmpty();
    assertThat(store.query(InventoryQuery.all().includingDeleted())).isEmpty();
  }

  @Test
  void apply_tombstone_keepsContentAndFirstSeen_setsDeletedAtAndLastChanged() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    Instant deletedAt = T0.plus(Duration.ofHours(5));

    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(vm.resourceKey(), deletedAt))));

    assertThat(store.query(InventoryQuery.all().includingDeleted()))
        .containsExactly(vm.tombstoned(deletedAt));
    assertThat(store.query(InventoryQuery.all())).isEmpty();
  }

  @Test
  void apply_tombstone_raisesLastSeenOnlyWhenLater() {
    Resource seenLate = resource(AWS, vm("us-east-1", "i-1"), T0.plus(Duration.ofHours(2)));
    Resource seenEarly = resource(AWS, vm("us-east-1", "i-2"), T0);
    store.apply(ChangeSet.puts(AWS, List.of(seenLate, seenEarly)));
    Instant deletedAt = T0.plus(Duration.ofHours(3));
    Instant previousListing = T0.plus(Duration.ofHours(1));
    long expiresAt = deletedAt.plus(Duration.ofDays(1)).getEpochSecond();

    store.apply(
        ChangeSet.tombstones(
            AWS,
            List.of(
                new Tombstone(seenLate.resourceKey(), deletedAt, expiresAt, previousListing),
                new Tombstone(seenEarly.resourceKey(), deletedAt, expiresAt, previousListing))));

    assertThat(store.query(InventoryQuery.all().includingDeleted()))
        .containsExactly(
            seenLate.tombstoned(deletedAt),
            seenEarly.withLastSeen(previousListing).tombstoned(deletedAt));
  }

  @Test
  void apply_putAfterTombstone_clearsTheTombstoneAndItsExpiry() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(vm.resourceKey(), T0))));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));

    clock.advance(Duration.ofDays(2));

    assertThat(store.query(InventoryQuery.account(AWS))).containsExactly(vm);
    assertThat(store.hashes(AWS).get(vm.resourceKey()).deleted()).isFalse();
  }

  @Test
  void apply_sameKeyTwiceInOneChangeSet_keepsTheLastPut() {
    Resource first = resource(AWS, vm("us-east-1", "i-1"));
    Resource second = first.withLastSeen(T0.plusSeconds(60));

    store.apply(ChangeSet.puts(AWS, List.of(first, second)));

    assertThat(store.query(InventoryQuery.account(AWS))).containsExactly(second);
  }

  @Test
  void tombstonedItem_disappearsOnceItsTtlPasses() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(vm.resourceKey(), T0))));

    clock.advance(Duration.ofDays(1).minusSeconds(1));
    assertThat(store.query(InventoryQuery.all().includingDeleted())).hasSize(1);
    assertThat(store.query(InventoryQuery.all())).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(store.query(InventoryQuery.all().includingDeleted())).isEmpty();
    assertThat(store.query(InventoryQuery.account(AWS).includingDeleted())).isEmpty();
    assertThat(store.hashes(AWS)).isEmpty();
  }

  @Test
  void query_roundTripsEveryField() {
    Resource bare = resource(GCP, Fixtures.of(ResourceType.NETWORK, "global", "net/a#b"));
    Resource full = resource(GCP, vm("europe-west1", "42"));
    store.apply(ChangeSet.puts(GCP, List.of(bare, full)));

    assertThat(store.query(InventoryQuery.account(GCP))).containsExactly(bare, full);
    assertThat(store.query(InventoryQuery.all())).containsExactly(bare, full);
  }

  @Test
  void query_filtersByProviderTypeAndAccount_orderedByAccountThenKey() {
    Resource awsVm = resource(AWS, vm("us-east-1", "i-1"));
    Resource awsBucket = resource(AWS, Fixtures.of(ResourceType.STORAGE, "eu-west-1", "bucket"));
    Resource gcpVm = resource(GCP, vm("europe-west1", "42"));
    store.apply(ChangeSet.puts(GCP, List.of(gcpVm)));
    store.apply(ChangeSet.puts(AWS, List.of(awsVm, awsBucket)));

    assertThat(store.query(InventoryQuery.all())).containsExactly(awsBucket, awsVm, gcpVm);
    assertThat(store.query(InventoryQuery.all().withProviders(Set.of(Provider.GCP))))
        .containsExactly(gcpVm);
    assertThat(store.query(InventoryQuery.all().withTypes(Set.of(ResourceType.VM))))
        .containsExactly(awsVm, gcpVm);
    assertThat(store.query(InventoryQuery.account(AWS).withTypes(Set.of(ResourceType.STORAGE))))
        .containsExactly(awsBucket);
    assertThat(
            store.query(
                InventoryQuery.account(AWS)
                    .withTypes(Set.of(ResourceType.STORAGE, ResourceType.VM))))
        .containsExactly(awsBucket, awsVm);
    assertThat(store.query(InventoryQuery.account(AWS).withProviders(Set.of(Provider.GCP))))
        .isEmpty();
  }

  @Test
  void query_manyResourcesOfManyAccounts_mergesInAccountThenKeyOrder() {
    List<Resource> all = new ArrayList<>();
    for (AccountKey account : List.of(GCP_LONGER, AWS, GCP, OTHER_AWS)) {
      List<Resource> puts = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        puts.add(resource(account, vm(i % 2 == 0 ? "eu-west-1" : "us-east-1", "id-" + i)));
        puts.add(resource(account, Fixtures.of(ResourceType.SUBNET, "us-east-1", "subnet-" + i)));
      }
      store.apply(ChangeSet.puts(account, puts));
      all.addAll(puts);
    }
    Comparator<Resource> byAccountThenKey =
        Comparator.comparing(Resource::accountKey).thenComparing(Resource::resourceKey);

    assertThat(store.query(InventoryQuery.all()))
        .containsExactlyElementsOf(all.stream().sorted(byAccountThenKey).toList());
    assertThat(
            store.query(
                InventoryQuery.all()
                    .withProviders(Set.of(Provider.GCP))
                    .withTypes(Set.of(ResourceType.VM))))
        .containsExactlyElementsOf(
            all.stream()
                .filter(r -> r.provider() == Provider.GCP && r.type() == ResourceType.VM)
                .sorted(byAccountThenKey)
                .toList());
    assertThat(store.query(InventoryQuery.all().withAccounts(Set.of(GCP_LONGER, GCP))))
        .containsExactlyElementsOf(
            all.stream()
                .filter(r -> r.provider() == Provider.GCP)
                .sorted(byAccountThenKey)
                .toList());
  }

  @Test
  void query_includingDeleted_returnsTombstonesInOrder() {
    Resource live = resource(AWS, vm("us-east-1", "i-1"));
    Resource gone = resource(AWS, vm("us-east-1", "i-2"));
    store.apply(ChangeSet.puts(AWS, List.of(live, gone)));
    store.apply(ChangeSet.tombstones(AWS, List.of(tombstone(gone.resourceKey(), T0))));

    assertThat(store.query(InventoryQuery.all().includingDeleted()))
        .containsExactly(live, gone.tombstoned(T0));
    assertThat(store.query(InventoryQuery.account(AWS).includingDeleted()))
        .containsExactly(live, gone.tombstoned(T0));
    assertThat(store.query(InventoryQuery.all().withTypes(Set.of(ResourceType.VM))))
        .containsExactly(live);
  }

  @Test
  void query_derivesLastSeenFromTheLatestCompleteListingCoveringTheResource() {
    Resource vm = resource(AWS, vm("us-east-1", "i-1"));
    store.apply(ChangeSet.puts(AWS, List.of(vm)));
    Instant regional = T0.plus(Duration.ofHours(1));
    Instant everywhere = T0.plus(Duration.ofHours(2));
    Instant failedLater = T0.plus(Duration.ofHours(3));
    store.saveScopes(
        AWS,
        List.of(
            complete(Scope.of("us-east-1", ResourceType.VM), regional),
            complete(Scope.allRegions(ResourceType.VM), everywhere),
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
    assertThat(store.query(InventoryQuery.all()))
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

    assertThat(store.scopes(AWS)).containsExactly(euFirst, usFailed);
    assertThat(store.scopes(GCP)).isEmpty();
  }

  private static ScopeStatus complete(Scope scope, Instant at) {
    return new ScopeStatus(scope, at, ListingStatus.COMPLETE, "", 1, at);
  }
}
