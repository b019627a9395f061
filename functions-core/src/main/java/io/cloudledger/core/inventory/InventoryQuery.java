package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import java.util.Set;

/**
 * A filter over the inventory; an empty set means "any". Tombstoned resources are left out unless
 * {@code includeDeleted}.
 */
public record InventoryQuery(
    Set<Provider> providers,
    Set<ResourceType> types,
    Set<AccountKey> accounts,
    boolean includeDeleted) {

  public InventoryQuery {
    providers = Set.copyOf(providers);
    types = Set.copyOf(types);
    accounts = Set.copyOf(accounts);
  }

  /** Every live resource. */
  public static InventoryQuery all() {
    return new InventoryQuery(Set.of(), Set.of(), Set.of(), false);
  }

  /** The live resources of one account. */
  public static InventoryQuery account(AccountKey account) {
    return new InventoryQuery(Set.of(), Set.of(), Set.of(account), false);
  }

  public InventoryQuery withProviders(Set<Provider> selected) {
    return new InventoryQuery(selected, types, accounts, includeDeleted);
  }

  public InventoryQuery withTypes(Set<ResourceType> selected) {
    return new InventoryQuery(providers, selected, accounts, includeDeleted);
  }

  public InventoryQuery withAccounts(Set<AccountKey> selected) {
    return new InventoryQuery(providers, types, selected, includeDeleted);
  }

  public InventoryQuery includingDeleted() {
    return new InventoryQuery(providers, types, accounts, true);
  }

  /** Whether the account is selected, so a store can skip whole partitions. */
  public boolean selects(AccountKey account) {
    return (accounts.isEmpty() || accounts.contains(account))
        && (providers.isEmpty() || providers.contains(account.provider()));
  }

  public boolean matches(Resource resource) {
    return selects(resource.accountKey())
        && (types.isEmpty() || types.contains(resource.type()))
        && (includeDeleted || !resource.deleted());
  }
}
