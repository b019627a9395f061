package io.cloudledger.azure.inventory;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.AzureErrors;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeLister;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists one scope of a subscription page by page (one ARM call per page, following {@code
 * nextLink}), sending each page to the sink as it arrives. Virtual networks and their subnets come
 * from the same call, so the network listing also fills the subnet scope when it is asked for.
 */
final class AzureScopeLister implements ScopeLister {
  /** Lists VMs with their power state inline: no instance-view call per VM. */
  private static final String STATUS_ONLY = "true";

  private final AzureClients clients;
  private final AccountKey account;
  private final boolean networks;
  private final boolean subnets;

  AzureScopeLister(AzureClients clients, AccountKey account, boolean networks, boolean subnets) {
    this.clients = clients;
    this.account = account;
    this.networks = networks;
    this.subnets = subnets;
  }

  @Override
  public ScopeOutcome list(Scope scope, PageSink sink) {
    String operation = operation(scope.type());
    try {
      switch (scope.type()) {
        case VM -> listVms(scope, sink);
        case STORAGE -> listStorageAccounts(scope, sink);
        case NETWORK, SUBNET -> listVirtualNetworks(sink);
      }
    } catch (RuntimeException e) {
      throw AzureErrors.map(e, operation, account.toString());
    }
    return ScopeOutcome.complete(scope);
  }

  static String operation(ResourceType type) {
    return switch (type) {
      case VM -> "VirtualMachines_ListAll";
      case STORAGE -> "StorageAccounts_List";
      case NETWORK, SUBNET -> "VirtualNetworks_ListAll";
    };
  }

  private void listVms(Scope scope, PageSink sink) {
    for (PagedResponse<VirtualMachineInner> page :
        clients
            .compute(account.accountId())
            .serviceClient()
            .getVirtualMachines()
            .list(STATUS_ONLY, null, null, Context.NONE)
            .iterableByPage()) {
      List<ResourceObservation> observations = new ArrayList<>();
      for (VirtualMachineInner vm : page.getValue()) {
        observations.add(AzureNormalizer.vm(vm));
      }
      send(scope, observations, sink);
    }
  }

  private void listStorageAccounts(Scope scope, PageSink sink) {
    for (PagedResponse<StorageAccountInner> page :
        clients
            .storage(account.accountId())
            .serviceClient()
            .getStorageAccounts()
            .list(Context.NONE)
            .iterableByPage()) {
      List<ResourceObservation> observations = new ArrayList<>();
      for (StorageAccountInner storageAccount : page.getValue()) {
        observations.add(AzureNormalizer.storageAccount(storageAccount));
      }
      send(scope, observations, sink);
    }
  }

  private void listVirtualNetworks(PageSink sink) {
    Scope networkScope = Scope.allRegions(ResourceType.NETWORK);
    Scope subnetScope = Scope.allRegions(ResourceType.SUBNET);
    for (PagedResponse<VirtualNetworkInner> page :
        clients
            .network(account.accountId())
            .serviceClient()
            .getVirtualNetworks()
            .list(Context.NONE)
            .iterableByPage()) {
      List<ResourceObservation> networkPage = new ArrayList<>();
      List<ResourceObservation> subnetPage = new ArrayList<>();
      for (VirtualNetworkInner network : page.getValue()) {
        networkPage.add(AzureNormalizer.virtualNetwork(network));
        if (network.subnets() != null) {
          for (SubnetInner subnet : network.subnets()) {
            subnetPage.add(AzureNormalizer.subnet(network, subnet));
          }
        }
      }
      if (networks) {
        send(networkScope, networkPage, sink);
      }
      if (subnets) {
        send(subnetScope, subnetPage, sink);
      }
    }
  }

  private static void send(Scope scope, List<ResourceObservation> observations, PageSink sink) {
    if (!observations.isEmpty()) {
      sink.accept(ResourcePage.of(scope, observations));
    }
  }
}
