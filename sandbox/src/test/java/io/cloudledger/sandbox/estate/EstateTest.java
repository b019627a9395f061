package io.cloudledger.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EstateTest {
  private static final EstateSpec SPEC = new EstateSpec(42, 4, 100);

  @Test
  void generate_sameSpec_givesEqualEstates() {
    assertThat(Estate.generate(SPEC).accounts()).isEqualTo(Estate.generate(SPEC).accounts());
  }

  @Test
  void generate_otherSeed_givesOtherAccounts() {
    assertThat(Estate.generate(new EstateSpec(43, 4, 100)).accounts())
        .extracting(AwsAccount::accountId)
        .doesNotContainAnyElementsOf(
            Estate.generate(SPEC).accounts().stream().map(AwsAccount::accountId).toList());
  }

  @Test
  void generate_moreAccounts_leavesTheExistingOnesUnchanged() {
    List<AwsAccount> four = Estate.generate(SPEC).accounts();
    List<AwsAccount> six = Estate.generate(new EstateSpec(42, 6, 100)).accounts();

    assertThat(six.subList(0, 4)).isEqualTo(four);
  }

  @Test
  void generate_splitsResourcesInTheDocumentedRatio() {
    AwsAccount account = Estate.generate(new EstateSpec(1, 1, 1667)).accounts().get(0);

    assertThat(account.instances()).hasSize(1000);
    assertThat(account.vpcs()).hasSize(167);
    assertThat(account.subnets()).hasSize(333);
    assertThat(account.buckets()).hasSize(167);
    assertThat(account.resourceCount()).isEqualTo(1667);
  }

  @Test
  void generate_buildsARealisticEstate() {
    Estate estate = Estate.generate(SPEC);
    List<Ec2Instance> instances =
        estate.accounts().stream().flatMap(a -> a.instances().stream()).toList();

    assertThat(estate.accounts())
        .allSatisfy(
            a -> {
              assertThat(a.accountId()).matches("[1-9]\\d{11}");
              assertThat(a.enabledRegions()).contains("us-east-1");
              assertThat(a.instances()).allMatch(i -> a.enabledRegions().contains(i.region()));
            });
    assertThat(instances).extracting(Ec2Instance::state).contains(InstanceState.values());
    assertThat(instances).anyMatch(i -> i.name().isEmpty()).anyMatch(i -> i.name().isPresent());
    assertThat(instances).extracting(Ec2Instance::instanceId).doesNotHaveDuplicates();
    assertThat(instances)
        .filteredOn(i -> i.state() == InstanceState.TERMINATED)
        .allMatch(i -> i.vpcId().isEmpty() && i.publicIpAddress().isEmpty());
    assertThat(estate.accounts().stream().flatMap(a -> a.buckets().stream()))
        .anyMatch(b -> !b.region().equals("us-east-1"));
    // Every third account from the second demands an ExternalId.
    assertThat(estate.accounts())
        .extracting(a -> a.requiredExternalId().isPresent())
        .containsExactly(false, true, false, false);
  }

  @Test
  void advance_isDeterministic() {
    Estate one = Estate.generate(SPEC);
    Estate two = Estate.generate(SPEC);

    assertThat(one.advance(0.2)).isEqualTo(two.advance(0.2));
    assertThat(one.advance(0.1)).isEqualTo(two.advance(0.1));
    assertThat(one.accounts()).isEqualTo(two.accounts());
  }

  @Test
  void advance_reportsExactlyWhatChanged() {
    Estate estate = Estate.generate(SPEC);
    Map<String, Object> before = snapshot(estate);

    EstateChange change = estate.advance(0.3);
    Map<String, Object> after = snapshot(estate);

    Set<String> created = ids(change.created());
    Set<String> deleted = ids(change.deleted());
    Set<String> modified = ids(change.modified());
    assertThat(created).isNotEmpty().noneMatch(before::containsKey).allMatch(after::containsKey);
    assertThat(deleted).isNotEmpty().allMatch(before::containsKey).noneMatch(after::containsKey);
    assertThat(modified).isNotEmpty();
    Set<String> unchanged = new HashSet<>(before.keySet());
    unchanged.removeAll(deleted);
    unchanged.removeAll(modified);
    for (String id : before.keySet()) {
      if (modified.contains(id)) {
        assertThat(after.get(id)).as(id).isNotEqualTo(before.get(id));
      } else if (unchanged.contains(id)) {
        assertThat(after.get(id)).as(id).isEqualTo(before.get(id));
      }
    }
    assertThat(change.generation()).isEqualTo(1);
    // about 30 % of the estate, a third each
    assertThat(change.created().size() + change.deleted().size() + change.modified().size())
        .isBetween(100, 125);
  }

  @Test
  void advance_outsideZeroToOne_isRejected() {
    assertThatThrownBy(() -> Estate.generate(SPEC).advance(1.5))
        .hasMessageContaining("fraction must be within 0..1, was 1.5");
  }

  @Test
  void spec_tooFewResources_isRejectedWithTheReason() {
    assertThatThrownBy(() -> new EstateSpec(1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resourcesPerAccount must be at least 4");
  }

  private static Map<String, Object> snapshot(Estate estate) {
    Map<String, Object> all = new HashMap<>();
    for (AwsAccount a : estate.accounts()) {
      a.instances().forEach(i -> all.put(i.instanceId(), i));
      a.vpcs().forEach(v -> all.put(v.vpcId(), v));
      a.subnets().forEach(s -> all.put(s.subnetId(), s));
      a.buckets().forEach(b -> all.put(b.name(), b));
    }
    return all;
  }

  private static Set<String> ids(List<ResourceRef> refs) {
    Set<String> ids = new HashSet<>();
    refs.forEach(r -> ids.add(r.id()));
    return ids;
  }
}
