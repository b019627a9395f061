package io.cloudledger.azure.inventory;

import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.sandbox.estate.AzurePowerState;
import io.cloudledger.sandbox.estate.AzureStorageAccount;
import io.cloudledger.sandbox.estate.AzureSubnet;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.estate.AzureVirtualNetwork;
import io.cloudledger.sandbox.estate.AzureVm;
import io.cloudledger.sandbox.estate.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the inventory of a sandbox subscription must hold, written from the estate's own records and
 * the normalization rules (not from the connector's code), keyed by resource key.
 */
final class ExpectedAzureInventory {
  private ExpectedAzureInventory() {}

  static Map<String, ResourceObservation> of(AzureSubscription subscription) {
    Map<String, ResourceObservation> expected = new TreeMap<>();
    subscription.vms().forEach(vm -> add(expected, vm(vm)));
    subscription.storageAccounts().forEach(a -> add(expected, storageAccount(a)));
    for (AzureVirtualNetwork network : subscription.virtualNetworks()) {
      add(expected, network(network));
      network.subnets().forEach(s -> add(expected, subnet(network, s)));
    }
    return expected;
  }

  static Map<String, ResourceObservation> observed(List<Resource> resources) {
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

  static ResourceStatus expectedStatus(AzurePowerState state) {
    return switch (state) {
      case STARTING -> ResourceStatus.STARTING;
      case RUNNING -> ResourceStatus.RUNNING;
      case STOPPING, DEALLOCATING -> ResourceStatus.STOPPING;
      case STOPPED, DEALLOCATED -> ResourceStatus.STOPPED;
    };
  }

  private static void add(Map<String, ResourceObservation> map, ResourceObservation observation) {
    map.put(observation.resourceKey(), observation);
  }

  private static ResourceObservation vm(AzureVm vm) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("resourceGroup", vm.resourceGroup());
    metadata.put("vmSize", vm.vmSize());
    metadata.put("osType", vm.osType());
    metadata.put("vmId", vm.vmId());
    metadata.put("provisioningState", "Succeeded");
    metadata.put("timeCreated", iso(vm.timeCreated()));
    return new ResourceObservation(
        ResourceType.VM,
        vm.location(),
        vm.id(),
        vm.name(),
        expectedStatus(vm.powerState()),
        vm.powerState().code(),
        tags(vm.tags()),
        metadata);
  }

  private static ResourceObservation storageAccount(AzureStorageAccount a) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("resourceGroup", a.resourceGroup());
    metadata.put("kind", a.kind());
    metadata.put("sku", a.skuName());
    if (!a.kind().equals("Storage") && !a.kind().equals("FileStorage")) {
      metadata.put("accessTier", "Hot");
    }
    metadata.put("creationTime", iso(a.creationTime()));
    return new ResourceObservation(
        ResourceType.STORAGE,
        a.location(),
        a.id(),
        a.name(),
        ResourceStatus.AVAILABLE,
        "Succeeded",
        tags(a.tags()),
        metadata);
  }

  private static ResourceObservation network(AzureVirtualNetwork n) {
    return new ResourceObservation(
        ResourceType.NETWORK,
        n.location(),
        n.id(),
        n.name(),
        ResourceStatus.AVAILABLE,
        "Succeeded",
        tags(n.tags()),
        Map.of(
            "resourceGroup", n.resourceGroup(),
            "addressPrefixes", n.addressPrefix(),
            "resourceGuid", n.resourceGuid()));
  }

  private static ResourceObservation subnet(AzureVirtualNetwork n, AzureSubnet s) {
    return new ResourceObservation(
        ResourceType.SUBNET,
        n.location(),
        n.subnetId(s),
        s.name(),
        ResourceStatus.AVAILABLE,
        "Succeeded",
        Map.of(),
        Map.of(
            "resourceGroup", n.resourceGroup(),
            "virtualNetwork", n.name(),
            "virtualNetworkId", n.id(),
            "addressPrefix", s.addressPrefix()));
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new TreeMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
