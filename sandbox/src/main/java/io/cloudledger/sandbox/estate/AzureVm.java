package io.cloudledger.sandbox.estate;

import java.time.Instant;
import java.util.List;

/** One Azure virtual machine of a sandbox subscription. */
public record AzureVm(
    String subscriptionId,
    String resourceGroup,
    String name,
    String location,
    String vmId,
    String vmSize,
    String osType,
    AzurePowerState powerState,
    Instant timeCreated,
    List<Tag> tags) {

  public AzureVm {
    tags = List.copyOf(tags);
  }

  /** The ARM resource id. */
  public String id() {
    return AzureSubscription.resourceId(
        subscriptionId, resourceGroup, "Microsoft.Compute/virtualMachines", name);
  }

  public String osDiskName() {
    return name + "_OsDisk_1_" + vmId.replace("-", "");
  }

  AzureVm withPowerState(AzurePowerState state) {
    return new AzureVm(
        subscriptionId,
        resourceGroup,
        name,
        location,
        vmId,
        vmSize,
        osType,
        state,
        timeCreated,
        tags);
  }

  AzureVm withTags(List<Tag> newTags) {
    return new AzureVm(
        subscriptionId,
        resourceGroup,
        name,
        location,
        vmId,
        vmSize,
        osType,
        powerState,
        timeCreated,
        newTags);
  }
}
