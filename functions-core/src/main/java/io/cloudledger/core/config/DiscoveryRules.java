package io.cloudledger.core.config;

import java.util.List;
import java.util.Set;

/**
 * Which discovered accounts to sync: groups are organizational units (AWS), management groups
 * (Azure) or folders (GCP); accounts are account, subscription or project ids. Empty include lists
 * mean "everything"; a skip wins over an include. Skipping a group skips everything below it.
 */
public record DiscoveryRules(
    List<String> includeGroups,
    List<String> skipGroups,
    List<String> includeAccounts,
    List<String> skipAccounts) {

  public DiscoveryRules {
    includeGroups = List.copyOf(includeGroups);
    skipGroups = List.copyOf(skipGroups);
    includeAccounts = List.copyOf(includeAccounts);
    skipAccounts = List.copyOf(skipAccounts);
  }

  /** No rule: every account of the organization. */
  public static DiscoveryRules none() {
    return new DiscoveryRules(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Whether an account is selected, given the groups above it (nearest last). An account directly
   * under an included group or any of its descendants is included.
   */
  public boolean selects(String accountId, List<String> path) {
    if (skipAccounts.contains(accountId) || path.stream().anyMatch(skipGroups::contains)) {
      return false;
    }
    boolean byGroup = includeGroups.isEmpty() || path.stream().anyMatch(includeGroups::contains);
    boolean byAccount = includeAccounts.isEmpty() || includeAccounts.contains(accountId);
    if (!includeGroups.isEmpty() && !includeAccounts.isEmpty()) {
      // Both given: an account listed by id is wanted even outside the included groups.
      return byGroup || includeAccounts.contains(accountId);
    }
    return byGroup && byAccount;
  }

  /** Whether a group (and all below it) is skipped, so a walk need not descend into it. */
  public boolean skipsGroup(String groupId) {
    return skipGroups.contains(groupId);
  }

  /** Whether any group rule exists, i.e. whether the group path of each account matters. */
  public boolean usesGroups() {
    return !includeGroups.isEmpty() || !skipGroups.isEmpty();
  }

  /** The groups named by any rule. */
  public Set<String> namedGroups() {
    return Set.copyOf(
        java.util.stream.Stream.concat(includeGroups.stream(), skipGroups.stream()).toList());
  }
}
