package io.cloudledger.azure.inventory;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns ARM models into {@link ResourceObservation}s: the ARM resource id is the resource id, the
 * location the region, the power state ({@code PowerState/running}) the status with the raw code
 * kept, and Azure-only details (resource group, VM size, OS, SKU, ...) the metadata. Only non-empty
 * values go into the metadata, so an absent field never differs from an empty one.
 */
final class AzureNormalizer {
  private static final String POWER_STATE = "PowerState/";
  private static final Pattern RESOURCE_GROUP =
      Pattern.compile("/resourceGroups/([^/]+)/", Pattern.CASE_INSENSITIVE);

  private AzureNormalizer() {}

  /** The normalized status of a VM power state code ({@code PowerState/deallocated}, ...). */
  static ResourceStatus powerStatus(String code) {
    if (code == null || !code.startsWith(POWER_STATE)) {
      return ResourceStatus.UNKNOWN;
    }
    return switch (code.substring(POWER_STATE.length()).toLowerCase(Locale.ROOT)) {
      case "starting" -> ResourceStatus.STARTING;
      case "running" -> ResourceStatus.RUNNING;
      case "stopping", "deallocating" -> ResourceStatus.STOPPING;
      case "stopped", "deallocated" -> ResourceStatus.STOPPED;
      default -> ResourceStatus.UNKNOWN;
    };
  }

  /** The status of a resource that does not run, from its ARM {@code provisioningState}. */
  static ResourceStatus provisioningStatus(String state) {
    if (state == null) {
      return ResourceStatus.UNKNOWN;
    }
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "succeeded" -> ResourceStatus.AVAILABLE;
      case "creating", "updating", "resolvingdns", "accepted" -> ResourceStatus.PENDING;
      case "deleting" -> ResourceStatus.DELETING;
      case "failed", "canceled" -> ResourceStatus.FAILED;
      default -> ResourceStatus.UNKNOWN;
    };
  }

  static ResourceObservation vm(VirtualMachineInner vm) {
    String powerState = powerStateCode(vm.instanceView());
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "resourceGroup", resourceGroup(vm.id()));
    if (vm.hardwareProfile() != null && vm.hardwareProfile().vmSize() != null) {
      put(metadata, "vmSize", vm.hardwareProfile().vmSize().toString());
    }
    if (vm.storageProfile() != null && vm.storageProfile().osDisk() != null) {
      OSDisk osDisk = vm.storageProfile().osDisk();
      if (osDisk.osType() != null) {
        put(metadata, "osType", osDisk.osType().toString());
      }
    }
    put(metadata, "vmId", vm.vmId());
    put(metadata, "provisioningState", vm.provisioningState());
    put(metadata, "timeCreated", iso(vm.timeCreated()));
    if (vm.zones() != null && !vm.zones().isEmpty()) {
      put(metadata, "zones", String.join(",", vm.zones()));
    }
    return new ResourceObservation(
        ResourceType.VM,
        region(vm.location()),
        vm.id(),
        vm.name(),
        powerStatus(powerState),
        powerState,
        vm.tags(),
        metadata);
  }

  static ResourceObservation storageAccount(StorageAccountInner account) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "resourceGroup", resourceGroup(account.id()));
    if (account.kind() != null) {
      put(metadata, "kind", account.kind().toString());
    }
    if (account.sku() != null && account.sku().name() != null) {
      put(metadata, "sku", account.sku().name().toString());
    }
    if (account.accessTier() != null) {
      put(metadata, "accessTier", account.accessTier().toString());
    }
    put(metadata, "creationTime", iso(account.creationTime()));
    String state =
        account.provisioningState() == null ? "" : account.provisioningState().toString();
    return new ResourceObservation(
        ResourceType.STORAGE,
        region(account.location()),
        account.id(),
        account.name(),
        provisioningStatus(state),
        state,
        account.tags(),
        metadata);
  }

  static ResourceObservation virtualNetwork(VirtualNetworkInner network) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "resourceGroup", resourceGroup(network.id()));
    if (network.addressSpace() != null && network.addressSpace().addressPrefixes() != null) {
      put(metadata, "addressPrefixes", String.join(",", network.addressSpace().addressPrefixes()));
    }
    put(metadata, "resourceGuid", network.resourceGuid());
    String state =
        network.provisioningState() == null ? "" : network.provisioningState().toString();
    return new ResourceObservation(
        ResourceType.NETWORK,
        region(network.location()),
        network.id(),
        network.name(),
        provisioningStatus(state),
        state,
        network.tags(),
        metadata);
  }

  /** A subnet, in its network's location (ARM subnets have none of their own, and no tags). */
  static ResourceObservation subnet(VirtualNetworkInner network, SubnetInner subnet) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "resourceGroup", resourceGroup(subnet.id()));
    put(metadata, "virtualNetwork", network.name());
    put(metadata, "virtualNetworkId", network.id());
    put(metadata, "addressPrefix", subnet.addressPrefix());
    String state = subnet.provisioningState() == null ? "" : subnet.provisioningState().toString();
    return new ResourceObservation(
        ResourceType.SUBNET,
        region(network.location()),
        subnet.id(),
        subnet.name(),
        provisioningStatus(state),
        state,
        Map.of(),
        metadata);
  }

  /** The {@code PowerState/...} code of a VM's inline instance view, or empty. */
  static String powerStateCode(VirtualMachineInstanceViewInner view) {
    if (view == null || view.statuses() == null) {
      return "";
    }
    for (InstanceViewStatus status : view.statuses()) {
      if (status.code() != null && status.code().startsWith(POWER_STATE)) {
        return status.code();
      }
    }
    return "";
  }

  static String resourceGroup(String id) {
    if (id == null) {
      return "";
    }
    Matcher matcher = RESOURCE_GROUP.matcher(id);
    return matcher.find() ? matcher.group(1) : "";
  }

  /** ARM locations are case-insensitive and sometimes spaced ("East US"): use the short form. */
  static String region(String location) {
    if (location == null || location.isBlank()) {
      return "global";
    }
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  private static String iso(OffsetDateTime time) {
    return time == null
        ? ""
        : time.toInstant()
            .atOffset(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MILLIS)
            .toInstant()
            .toString();
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isEmpty()) {
      metadata.put(key, value);
    }
  }
}
