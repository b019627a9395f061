package io.cloudledger.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AzureEstateTest {
  private static final EstateSpec SPEC = new EstateSpec(42, 1, 100);

  @Test
  void generate_sameSpec_givesEqualSubscriptions() {
    assertThat(Estate.generate(SPEC, 3).azure().subscriptions())
        .isEqualTo(Estate.generate(SPEC, 3).azure().subscriptions());
  }

  @Test
  void generate_moreSubscriptions_leavesTheExistingOnesUnchanged() {
    List<AzureSubscription> two = Estate.generate(SPEC, 2).azure().subscriptions();
    List<AzureSubscription> four = Estate.generate(SPEC, 4).azure().subscriptions();

    assertThat(four.subList(0, 2)).isEqualTo(two);
  }

  @Test
  void generate_withAzure_leavesTheAwsAccountsUnchanged() {
    assertThat(Estate.generate(SPEC, 3).accounts()).isEqualTo(Estate.generate(SPEC).accounts());
    assertThat(Estate.generate(SPEC).azure().subscriptions()).isEmpty();
  }

  @Test
  void generate_splitsResourcesLikeAwsAccounts() {
    AzureSubscription subscription =
        Estate.generate(new EstateSpec(1, 1, 1667), 1).azure().subscriptions().getFirst();

    assertThat(subscription.vms()).hasSize(1000);
    assertThat(subscription.virtualNetworks()).hasSize(167);
    assertThat(subscription.subnetCount()).isEqualTo(333);
    assertThat(subscription.storageAccounts()).hasSize(167);
    assertThat(subscription.resourceCount()).isEqualTo(1667);
  }

  @Test
  void generate_buildsUniqueArmIdsInOneTenant() {
    AzureEstate azure = Estate.generate(SPEC, 3).azure();
    Set<String> ids = new HashSet<>();
    for (AzureSubscription s : azure.subscriptions()) {
      assertThat(s.subscriptionId())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(s.tenantId()).isEqualTo(azure.tenantId());
      s.vms().forEach(vm -> assertThat(ids.add(vm.id())).as(vm.id()).isTrue());
      s.storageAccounts().forEach(a -> assertThat(ids.add(a.id())).as(a.id()).isTrue());
      s.storageAccounts().forEach(a -> assertThat(a.name()).matches("[a-z0-9]{3,24}"));
      s.virtualNetworks().forEach(n -> assertThat(ids.add(n.id())).as(n.id()).isTrue());
    }
    assertThat(
            azure.subscriptions().stream()
                .flatMap(s -> s.vms().stream())
                .map(AzureVm::powerState)
                .distinct())
        .contains(AzurePowerState.RUNNING, AzurePowerState.DEALLOCATED, AzurePowerState.STOPPED);
  }

  @Test
  void advance_changesAFractionOfEachSubscriptionDeterministically() {
    Estate first = Estate.generate(SPEC, 2);
    Estate second = Estate.generate(SPEC, 2);

    EstateChange change = first.advance(0.3);

    assertThat(second.advance(0.3)).isEqualTo(change);
    assertThat(first.azure().subscriptions()).isEqualTo(second.azure().subscriptions());
    for (AzureSubscription s : first.azure().subscriptions()) {
      long created =
          change.created().stream().filter(r -> r.accountId().equals(s.subscriptionId())).count();
      long deleted =
          change.deleted().stream().filter(r -> r.accountId().equals(s.subscriptionId())).count();
      long modified =
          change.modified().stream().filter(r -> r.accountId().equals(s.subscriptionId())).count();
      assertThat(created).isEqualTo(10);
      assertThat(deleted).isEqualTo(10);
      assertThat(modified).isPositive().isLessThanOrEqualTo(10);
      assertThat(s.resourceCount()).isEqualTo(100);
    }
  }
}
