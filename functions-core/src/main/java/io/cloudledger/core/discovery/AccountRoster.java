package io.cloudledger.core.discovery;

import io.cloudledger.core.model.AccountKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounts a deployment syncs right now: the configured ones merged with those discovered, and
 * the inactive ones to skip. A configured account keeps its configured settings (session, role,
 * ExternalId) even when an organization lists it too; but an organization that reports it suspended
 * or closed wins, since a sync could only fail and must not look like an empty account.
 *
 * @param active the accounts to sync, in key order
 * @param inactive the discovered accounts that are suspended, closed or being deleted
 * @param discovered the discovered accounts that are active and not configured (synced through
 *     their organization's member role)
 */
public record AccountRoster(
    List<AccountKey> active, List<DiscoveredAccount> inactive, List<DiscoveredAccount> discovered) {

  public AccountRoster {
    active = List.copyOf(active);
    inactive = List.copyOf(inactive);
    discovered = List.copyOf(discovered);
  }

  /** Only configured accounts, nothing discovered. */
  public static AccountRoster configured(Collection<AccountKey> accounts) {
    return new AccountRoster(List.copyOf(new TreeSet<>(accounts)), List.of(), List.of());
  }

  /**
   * Merges {@code configured} accounts with the results of every discovery. An account listed by
   * two organizations is taken from the first.
   */
  public static AccountRoster merge(
      Collection<AccountKey> configured, List<DiscoveryResult> discoveries) {
    Map<AccountKey, DiscoveredAccount> byKey = new LinkedHashMap<>();
    for (DiscoveryResult result : discoveries) {
      for (DiscoveredAccount account : result.accounts()) {
        byKey.putIfAbsent(account.account(), account);
      }
    }
    Set<AccountKey> active = new TreeSet<>(configured);
    List<DiscoveredAccount> inactive = new ArrayList<>();
    List<DiscoveredAccount> discovered = new ArrayList<>();
    for (DiscoveredAccount account : byKey.values()) {
      if (!account.active()) {
        active.remove(account.account());
        inactive.add(account);
      } else if (active.add(account.account())) {
        discovered.add(account);
      }
    }
    inactive.sort(java.util.Comparator.comparing(DiscoveredAccount::account));
    discovered.sort(java.util.Comparator.comparing(DiscoveredAccount::account));
    return new AccountRoster(List.copyOf(active), inactive, discovered);
  }

  /** The keys of the inactive accounts. */
  public List<AccountKey> inactiveKeys() {
    return inactive.stream().map(DiscoveredAccount::account).toList();
  }
}
