package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.inventory.Tombstone;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ContentHasher;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Short ways to write resources and tombstones in tests. */
final class Fixtures {
  private Fixtures() {}

  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  static ResourceObservation vm(String region, String id) {
    return new ResourceObservation(
        ResourceType.VM,
        region,
        id,
        "name-" + id,
        ResourceStatus.RUNNING,
        "running",
        Map.of("env", "prod", "empty", ""),
        Map.of("instanceType", "t3.micro"));
  }

  static ResourceObservation of(ResourceType type, String region, String id) {
    return new ResourceObservation(
        type, region, id, "", ResourceStatus.AVAILABLE, "", Map.of(), Map.of());
  }

  static Resource resource(AccountKey account, ResourceObservation observation) {
    return resource(account, observation, T0);
  }

  static Resource resource(AccountKey account, ResourceObservation observation, Instant at) {
    return Resource.observed(
        account, observation, ContentHasher.hash(account, observation), at, at);
  }

  static Tombstone tombstone(String key, Instant at) {
    return new Tombstone(key, at, at.plus(Duration.ofDays(1)).getEpochSecond(), null);
  }
}
