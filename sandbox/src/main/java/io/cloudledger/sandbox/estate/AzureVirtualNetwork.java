package io.cloudledger.sandbox.estate;

import java.util.List;

/** One Azure virtual network with its subnets (ARM lists them inline). */
public record AzureVirtualNetwork(
    String subscriptionId,
    String resourceGroup,
    String name,
    String location,
    String resourceGuid,
    String addressPrefix,
    List<AzureSubnet> subnets,
    List<Tag> tags) {

  public AzureVirtualNetwork {
    subnets = List.copyOf(subnets);
    tags = List.copyOf(tags);
  }

  /** The ARM resource id. */
  public String id() {
    return AzureSubscription.resourceId(
        subscriptionId, resourceGroup, "Microsoft.Network/virtualNetworks", name);
  }

  /** The ARM resource id of one of its subnets. */
  public String subnetId(AzureSubnet subnet) {
    return id() + "/subnets/" + subnet.name();
  }

  AzureVirtualNetwork withTags(List<Tag> newTags) {
    return new AzureVirtualNetwork(
        subscriptionId,
        resourceGroup,
        name,
        location,
        resourceGuid,
        addressPrefix,
        subnets,
        newTags);
  }
}
