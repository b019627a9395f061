package io.cloudledger.sandbox.estate;

import java.time.Instant;
import java.util.List;

/** One Azure storage account of a sandbox subscription. */
public record AzureStorageAccount(
    String subscriptionId,
    String resourceGroup,
    String name,
    String location,
    String kind,
    String skuName,
    Instant creationTime,
    List<Tag> tags) {

  public AzureStorageAccount {
    tags = List.copyOf(tags);
  }

  /** The ARM resource id. */
  public String id() {
    return AzureSubscription.resourceId(
        subscriptionId, resourceGroup, "Microsoft.Storage/storageAccounts", name);
  }

  /** The SKU's tier, as ARM reports it next to the name. */
  public String skuTier() {
    return skuName.startsWith("Premium") ? "Premium" : "Standard";
  }
}
