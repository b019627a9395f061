package io.cloudledger.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GcpEstateTest {
  private static final EstateSpec SPEC = new EstateSpec(42, 2, 100, 3);

  @Test
  void generate_sameSpec_givesEqualProjects() {
    assertThat(Estate.generate(SPEC).gcp().projects())
        .isEqualTo(Estate.generate(SPEC).gcp().projects());
  }

  @Test
  void generate_withoutGcpProjects_leavesAwsAccountsAsBefore() {
    assertThat(Estate.generate(new EstateSpec(42, 2, 100)).gcp().projects()).isEmpty();
    assertThat(Estate.generate(SPEC).accounts())
        .isEqualTo(Estate.generate(new EstateSpec(42, 2, 100)).accounts());
  }

  @Test
  void generate_moreProjects_leavesTheExistingOnesUnchanged() {
    List<GcpProject> three = Estate.generate(SPEC).gcp().projects();
    List<GcpProject> five = Estate.generate(new EstateSpec(42, 2, 100, 5)).gcp().projects();

    assertThat(five.subList(0, 3)).isEqualTo(three);
  }

  @Test
  void generate_buildsValidProjectsInTheDocumentedRatio() {
    GcpProject project = Estate.generate(new EstateSpec(1, 1, 1000, 1)).gcp().projects().get(0);

    assertThat(project.projectId()).matches("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    assertThat(project.networks()).hasSize(100);
    assertThat(project.subnetworks()).hasSize(200);
    assertThat(project.instances()).hasSize(700);
    assertThat(project.instances())
        .allSatisfy(
            i -> {
              assertThat(GcpZones.ALL).contains(i.zone());
              assertThat(project.subnetworks())
                  .anyMatch(s -> s.name().equals(i.subnetwork()) && s.region().equals(i.region()));
            });
    Set<Long> ids = new HashSet<>();
    project.instances().forEach(i -> ids.add(i.id()));
    assertThat(ids).hasSize(700);
    assertThat(project.instances())
        .extracting(GcpInstance::status)
        .contains("RUNNING", "TERMINATED", "PROVISIONING", "SUSPENDED");
  }

  @Test
  void advance_reportsExactlyWhatChangedInGcpProjects() {
    Estate estate = Estate.generate(SPEC);
    List<GcpProject> before = estate.gcp().projects();

    EstateChange change = estate.advance(0.3);

    List<GcpProject> after = estate.gcp().projects();
    Set<String> projectIds = new HashSet<>();
    before.forEach(p -> projectIds.add(p.projectId()));
    List<ResourceRef> gcpCreated = gcp(change.created(), projectIds);
    List<ResourceRef> gcpDeleted = gcp(change.deleted(), projectIds);
    List<ResourceRef> gcpModified = gcp(change.modified(), projectIds);
    assertThat(gcpCreated).isNotEmpty();
    assertThat(gcpDeleted).isNotEmpty();
    assertThat(gcpModified).isNotEmpty();
    for (int p = 0; p < before.size(); p++) {
      Set<String> old = ids(before.get(p));
      Set<String> now = ids(after.get(p));
      String projectId = before.get(p).projectId();
      Set<String> gone = new HashSet<>(old);
      gone.removeAll(now);
      Set<String> added = new HashSet<>(now);
      added.removeAll(old);
      assertThat(gone).isEqualTo(refIds(gcpDeleted, projectId));
      assertThat(added).isEqualTo(refIds(gcpCreated, projectId));
      List<GcpInstance> changed = new ArrayList<>(after.get(p).instances());
      changed.removeAll(before.get(p).instances());
      changed.removeIf(i -> added.contains(Long.toUnsignedString(i.id())));
      assertThat(changed)
          .extracting(i -> Long.toUnsignedString(i.id()))
          .containsExactlyInAnyOrderElementsOf(refIds(gcpModified, projectId));
    }
    assertThat(Estate.generate(SPEC).advance(0.3)).isEqualTo(change);
  }

  @Test
  void unreachableFault_namesOnlyTheTargetedZoneOrRegion() {
    FaultInjector faults =
        new FaultInjector(
            1,
            FaultPlan.parse(
                "instances.aggregatedList@proj-1/us-east1-b:unreachable;"
                    + "subnetworks.aggregatedList@*/europe-west1:unreachable"));

    assertThat(faults.unreachable("instances.aggregatedList", "proj-1", "us-east1-b")).isTrue();
    assertThat(faults.unreachable("instances.aggregatedList", "proj-1", "us-east1-c")).isFalse();
    assertThat(faults.unreachable("instances.aggregatedList", "proj-2", "us-east1-b")).isFalse();
    assertThat(faults.unreachable("subnetworks.aggregatedList", "any", "europe-west1")).isTrue();
    assertThat(faults.decide("instances.aggregatedList", "proj-1", "us-east1-b", 1).fails())
        .isFalse();
    assertThat(FaultPlan.parse(faults.plan().toSpec())).isEqualTo(faults.plan());
  }

  private static List<ResourceRef> gcp(List<ResourceRef> refs, Set<String> projectIds) {
    return refs.stream().filter(r -> projectIds.contains(r.accountId())).toList();
  }

  private static Set<String> ids(GcpProject project) {
    Set<String> ids = new HashSet<>();
    project.instances().forEach(i -> ids.add(Long.toUnsignedString(i.id())));
    return ids;
  }

  private static Set<String> refIds(List<ResourceRef> refs, String projectId) {
    Set<String> ids = new HashSet<>();
    refs.stream()
        .filter(r -> r.accountId().equals(projectId))
        .forEach(
            r -> {
              assertThat(r.type()).isEqualTo(ResourceType.GCP_INSTANCE);
              ids.add(r.id());
            });
    return ids;
  }
}
