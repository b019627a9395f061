package io.cloudledger.core.model;

import java.util.Map;

/** Short ways to write observations in tests. */
public final class Observations {
  private Observations() {}

  public static ResourceObservation vm(String region, String id) {
    return vm(region, id, Map.of("env", "prod"));
  }

  public static ResourceObservation vm(String region, String id, Map<String, String> tags) {
    return new ResourceObservation(
        ResourceType.VM,
        region,
        id,
        "name-" + id,
        ResourceStatus.RUNNING,
        "running",
        tags,
        Map.of("instanceType", "t3.micro"));
  }

  public static ResourceObservation of(ResourceType type, String region, String id) {
    return new ResourceObservation(
        type, region, id, "name-" + id, ResourceStatus.AVAILABLE, "available", Map.of(), Map.of());
  }
}
