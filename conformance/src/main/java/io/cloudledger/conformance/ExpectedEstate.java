package io.cloudledger.conformance;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.estate.AzureVirtualNetwork;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.GcpProject;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sandbox estate holds, written from the estate's own records (not from any connector):
 * per account key, the {@code type:resourceId} of every resource a complete sync must store.
 */
public record ExpectedEstate(SortedMap<AccountKey, SortedSet<String>> resourcesByAccount) {

  public ExpectedEstate {
    SortedMap<AccountKey, SortedSet<String>> copy = new TreeMap<>();
    resourcesByAccount.forEach((account, ids) -> copy.put(account, new TreeSet<>(ids)));
    resourcesByAccount = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * The expectation for every AWS account, Azure subscription and GCP project of {@code estate}.
   */
  public static ExpectedEstate of(Estate estate) {
    SortedMap<AccountKey, SortedSet<String>> expected = new TreeMap<>();
    for (AwsAccount account : estate.accounts()) {
      SortedSet<String> ids = new TreeSet<>();
      account.instances().forEach(i -> ids.add(id(ResourceType.VM, i.instanceId())));
      account.vpcs().forEach(v -> ids.add(id(ResourceType.NETWORK, v.vpcId())));
      account.subnets().forEach(s -> ids.add(id(ResourceType.SUBNET, s.subnetId())));
      account.buckets().forEach(b -> ids.add(id(ResourceType.STORAGE, b.name())));
      expected.put(AccountKey.of(Provider.AWS, account.accountId()), ids);
    }
    for (AzureSubscription subscription : estate.azure().subscriptions()) {
      SortedSet<String> ids = new TreeSet<>();
      subscription.vms().forEach(vm -> ids.add(id(ResourceType.VM, vm.id())));
      subscription.storageAccounts().forEach(a -> ids.add(id(ResourceType.STORAGE, a.id())));
      for (AzureVirtualNetwork network : subscription.virtualNetworks()) {
        ids.add(id(ResourceType.NETWORK, network.id()));
        network.subnets().forEach(s -> ids.add(id(ResourceType.SUBNET, network.subnetId(s))));
      }
      expected.put(AccountKey.of(Provider.AZURE, subscription.subscriptionId()), ids);
    }
    for (GcpProject project : estate.gcp().projects()) {
      SortedSet<String> ids = new TreeSet<>();
      project.instances().forEach(i -> ids.add(id(ResourceType.VM, unsigned(i.id()))));
      project.networks().forEach(n -> ids.add(id(ResourceType.NETWORK, unsigned(n.id()))));
      project.subnetworks().forEach(s -> ids.add(id(ResourceType.SUBNET, unsigned(s.id()))));
      expected.put(AccountKey.of(Provider.GCP, project.projectId()), ids);
    }
    return new ExpectedEstate(expected);
  }

  private static String id(ResourceType type, String resourceId) {
    return type.key() + ":" + resourceId;
  }

  private static String unsigned(long id) {
    return Long.toUnsignedString(id);
  }

  /** Every account of {@code provider}, in key order. */
  public List<AccountKey> accounts(Provider provider) {
    return resourcesByAccount.keySet().stream().filter(a -> a.provider() == provider).toList();
  }

  /** The accounts of {@code providers} with their resources. */
  public SortedMap<AccountKey, SortedSet<String>> of(java.util.Set<Provider> providers) {
    SortedMap<AccountKey, SortedSet<String>> selected = new TreeMap<>();
    resourcesByAccount.forEach(
        (account, ids) -> {
          if (providers.contains(account.provider())) {
            selected.put(account, ids);
          }
        });
    return selected;
  }
}
