package io.cloudledger.sandbox.estate;

import java.util.List;

/**
 * One Azure subscription of the estate with everything it owns. Immutable: {@link
 * AzureEstate#advance} replaces it with a new value.
 */
public record AzureSubscription(
    int index,
    String subscriptionId,
    String displayName,
    String tenantId,
    List<AzureVm> vms,
    List<AzureStorageAccount> storageAccounts,
    List<AzureVirtualNetwork> virtualNetworks) {

  public AzureSubscription {
    vms = List.copyOf(vms);
    storageAccounts = List.copyOf(storageAccounts);
    virtualNetworks = List.copyOf(virtualNetworks);
  }

  /** {@code /subscriptions/<id>}, the ARM id of the subscription. */
  public String id() {
    return "/subscriptions/" + subscriptionId;
  }

  public int subnetCount() {
    return virtualNetworks.stream().mapToInt(v -> v.subnets().size()).sum();
  }

  /** VMs, storage accounts, virtual networks and subnets. */
  public int resourceCount() {
    return vms.size() + storageAccounts.size() + virtualNetworks.size() + subnetCount();
  }

  static String resourceId(
      String subscriptionId, String resourceGroup, String providerType, String name) {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/"
        + providerType
        + "/"
        + name;
  }

  AzureSubscription withResources(
      List<AzureVm> newVms,
      List<AzureStorageAccount> newAccounts,
      List<AzureVirtualNetwork> newNetworks) {
    return new AzureSubscription(
        index, subscriptionId, displayName, tenantId, newVms, newAccounts, newNetworks);
  }
}
