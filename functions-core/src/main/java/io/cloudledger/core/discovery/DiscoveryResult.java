package io.cloudledger.core.discovery;

import java.util.List;

/**
 * What one discovery found: the accounts its rules select (active and inactive), how many the rules
 * left out, and the API calls it took (they grow with pages and groups, not with accounts).
 */
public record DiscoveryResult(
    String source, List<DiscoveredAccount> accounts, int excludedByRules, long apiCalls) {

  public DiscoveryResult {
    accounts = List.copyOf(accounts);
  }

  /** The accounts to sync. */
  public List<DiscoveredAccount> active() {
    return accounts.stream().filter(DiscoveredAccount::active).toList();
  }

  /** The suspended, closed, disabled or deleted accounts: skipped, their inventory kept stale. */
  public List<DiscoveredAccount> inactive() {
    return accounts.stream().filter(a -> !a.active()).toList();
  }
}
