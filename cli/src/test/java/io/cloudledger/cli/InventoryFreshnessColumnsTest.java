package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code inventory list}'s freshness columns: the covering scope's last complete listing. */
class InventoryFreshnessColumnsTest {
  static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-23T11:00:00Z");

  @Test
  void scopeOf_prefersTheResourcesRegion_overAnAllRegionsScope_andIgnoresOtherTypes() {
    ScopeStatus regional =
        new ScopeStatus(
            Scope.of("eu-west-1", ResourceType.VM), T1, ListingStatus.COMPLETE, "", 1, T1);
    ScopeStatus global =
        new ScopeStatus(Scope.allRegions(ResourceType.VM), T2, ListingStatus.STALE, "x", 1, T1);
    ScopeStatus other =
        new ScopeStatus(
            Scope.of("eu-west-1", ResourceType.SUBNET), T2, ListingStatus.COMPLETE, "", 1, T2);
    Resource vm = resource("eu-west-1");

    assertThat(InventoryCommand.scopeOf(vm, List.of(global, other, regional))).isEqualTo(regional);
    assertThat(InventoryCommand.scopeOf(resource("us-east-1"), List.of(regional, global)))
        .isEqualTo(global);
    assertThat(InventoryCommand.scopeOf(resource("us-east-1"), List.of(other))).isNull();
  }

  private static Resource resource(String region) {
    return Resource.observed(
        AccountKey.parse("aws#111111111111"),
        new ResourceObservation(
            ResourceType.VM,
            region,
            "i-1",
            "web",
            ResourceStatus.RUNNING,
            "running",
            Map.of(),
            Map.of()),
        "hash",
        T1,
        T1);
  }
}
