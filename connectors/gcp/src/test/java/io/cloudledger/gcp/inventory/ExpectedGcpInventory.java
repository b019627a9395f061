package io.cloudledger.gcp.inventory;

import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.sandbox.estate.GcpInstance;
import io.cloudledger.sandbox.estate.GcpNetwork;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.estate.GcpSubnetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the inventory of a sandbox project must hold, written from the estate's own records and the
 * normalization rules (not from the connector's code), keyed by resource key.
 */
public final class ExpectedGcpInventory {
  private ExpectedGcpInventory() {}

  public static Map<String, ResourceObservation> of(GcpProject project) {
    Map<String, ResourceObservation> expected = new TreeMap<>();
    for (GcpInstance instance : project.instances()) {
      add(expected, instance(instance));
    }
    for (GcpNetwork network : project.networks()) {
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put("autoCreateSubnetworks", Boolean.toString(network.autoCreateSubnetworks()));
      metadata.put("routingMode", network.routingMode());
      metadata.put("mtu", Integer.toString(network.mtu()));
      metadata.put("creationTimestamp", network.creationTimestamp().toString());
      add(
          expected,
          new ResourceObservation(
              ResourceType.NETWORK,
              "global",
              Long.toUnsignedString(network.id()),
              network.name(),
              ResourceStatus.AVAILABLE,
              "",
              Map.of(),
              metadata));
    }
    for (GcpSubnetwork subnet : project.subnetworks()) {
      add(
          expected,
          new ResourceObservation(
              ResourceType.SUBNET,
              subnet.region(),
              Long.toUnsignedString(subnet.id()),
              subnet.name(),
              ResourceStatus.AVAILABLE,
              "",
              Map.of(),
              Map.of(
                  "network", subnet.network(),
                  "ipCidrRange", subnet.ipCidrRange(),
                  "gatewayAddress", subnet.gatewayAddress(),
                  "creationTimestamp", subnet.creationTimestamp().toString())));
    }
    return expected;
  }

  static ResourceObservation instance(GcpInstance instance) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("machineType", instance.machineType());
    metadata.put("zone", instance.zone());
    metadata.put("creationTimestamp", instance.creationTimestamp().toString());
    metadata.put("network", instance.network());
    metadata.put("subnetwork", instance.subnetwork());
    metadata.put("privateIpAddress", instance.networkIp());
    if (!instance.natIp().isEmpty()) {
      metadata.put("publicIpAddress", instance.natIp());
    }
    ResourceStatus status =
        switch (instance.status()) {
          case "RUNNING" -> ResourceStatus.RUNNING;
          case "TERMINATED" -> ResourceStatus.STOPPED;
          case "PROVISIONING" -> ResourceStatus.PENDING;
          case "STAGING" -> ResourceStatus.STARTING;
          case "STOPPING" -> ResourceStatus.STOPPING;
          case "SUSPENDED" -> ResourceStatus.SUSPENDED;
          default -> ResourceStatus.UNKNOWN;
        };
    return new ResourceObservation(
        ResourceType.VM,
        instance.region(),
        Long.toUnsignedString(instance.id()),
        instance.name(),
        status,
        instance.status(),
        instance.labels(),
        metadata);
  }

  /** The stored resources as observations, to compare field by field. */
  public static Map<String, ResourceObservation> observed(List<Resource> resources) {
    Map<String, ResourceObservation> observed = new TreeMap<>();
    for (Resource r : resources) {
      observed.put(
          r.resourceKey(),
          new ResourceObservation(
              r.type(),
              r.region(),
              r.resourceId(),
              r.name(),
              r.status(),
              r.rawStatus(),
              r.tags(),
              r.metadata()));
    }
    return observed;
  }

  private static void add(Map<String, ResourceObservation> map, ResourceObservation o) {
    map.put(o.resourceKey(), o);
  }
}
