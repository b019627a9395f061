package io.cloudledger.core.dispatch;

import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Resolves the resource a targeted re-sync names to its account and scope. Accepted forms:
 *
 * <ul>
 *   <li>the stored form {@code <accountKey>#<resourceKey>}, e.g. {@code
 *       aws#123456789012#vm#us-east-1#i-0abc};
 *   <li>a resource key {@code <type>#<region>#<id>} with the account given separately;
 *   <li>an AWS ARN of an EC2 instance, VPC or subnet ({@code
 *       arn:aws:ec2:<region>:<account>:instance/<id>}), or of an S3 bucket with the account given
 *       separately;
 *   <li>a provider-native id (e.g. {@code i-0abc}) with the account given separately, looked up
 *       among the account's stored resources.
 * </ul>
 *
 * <p>The scope is the one the account's stored scope records say covers the resource, so the
 * connector's own split (regional EC2 scopes, one all-regions S3 scope) is respected without core
 * knowing it; an account never listed has none and must be synced whole first.
 */
public final class ResourceTargets {
  private final AccountDirectory directory;
  private final InventoryStore store;

  public ResourceTargets(AccountDirectory directory, InventoryStore store) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Resolves {@code resource} (in {@code account} when given); throws {@link
   * InvalidTargetException} naming what is wrong, or {@link UnknownAccountsException}.
   */
  public ResourceTarget resolve(String resource, Optional<AccountKey> account) {
    Objects.requireNonNull(resource, "resource");
    String value = resource.strip();
    if (value.isEmpty()) {
      throw invalid("invalid-resource", "'resource' must not be blank");
    }
    Located located;
    if (value.startsWith("arn:")) {
      located = Arns.parse(value, account);
    } else if (value.contains(AccountKey.SEPARATOR)) {
      located = keyed(value, account);
    } else {
      located =
          new Located(requireAccount(account, value), Optional.empty(), value, Optional.empty());
    }
    requireKnown(located.account());
    ResourceKey key = located.key().isPresent() ? located.key().get() : lookUp(located);
    return new ResourceTarget(located.account(), key, scopeOf(located.account(), key));
  }

  /** What the text says: the account, and the key or as much of it as is known. */
  record Located(
      AccountKey account,
      Optional<ResourceKey> key,
      String resourceId,
      Optional<ResourceType> type) {}

  private static Located keyed(String value, Optional<AccountKey> account) {
    String first = value.substring(0, value.indexOf(AccountKey.SEPARATOR));
    if (isProvider(first)) {
      // <provider>#<accountId>#<type>#<region>#<id>: the account id holds no '#'.
      String[] parts = value.split(AccountKey.SEPARATOR, 3);
      if (parts.length != 3) {
        throw invalid(
            "invalid-resource",
            "invalid resource '"
                + value
                + "', expected <provider>#<accountId>#<type>#<region>#<resourceId>");
      }
      AccountKey owner = parseAccount(parts[0] + AccountKey.SEPARATOR + parts[1]);
      if (account.isPresent() && !account.get().equals(owner)) {
        throw invalid(
            "account-mismatch",
            "resource '" + value + "' belongs to " + owner + ", not to " + account.get());
      }
      ResourceKey key = parseKey(parts[2]);
      return new Located(owner, Optional.of(key), key.resourceId(), Optional.of(key.type()));
    }
    ResourceKey key = parseKey(value);
    return new Located(
        requireAccount(account, value),
        Optional.of(key),
        key.resourceId(),
        Optional.of(key.type()));
  }

  private static boolean isProvider(String value) {
    return Stream.of(Provider.values()).anyMatch(p -> p.prefix().equalsIgnoreCase(value));
  }

  static AccountKey parseAccount(String value) {
    try {
      return AccountKey.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid("invalid-account", "invalid account: " + e.getMessage());
    }
  }

  private static ResourceKey parseKey(String value) {
    String[] parts = value.split(AccountKey.SEPARATOR, 3);
    if (parts.length == 3) {
      try {
        ResourceType.fromKey(parts[0]);
      } catch (IllegalArgumentException e) {
        throw invalid("unknown-resource-type", e.getMessage() + " in '" + value + "'");
      }
    }
    try {
      return ResourceKey.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid("invalid-resource", e.getMessage());
    }
  }

  static AccountKey requireAccount(Optional<AccountKey> account, String resource) {
    return account.orElseThrow(
        () ->
            invalid(
                "missing-account",
                "resource '"
                    + resource
                    + "' does not name its account: add \"account\", e.g. aws#123456789012, or"
                    + " use <accountKey>#<type>#<region>#<resourceId>"));
  }

  private void requireKnown(AccountKey account) {
    if (!directory.accounts().contains(account)) {
      throw new UnknownAccountsException(List.of(account));
    }
  }

  /** The stored resource with this native id (tombstoned ones too: it may be back). */
  private ResourceKey lookUp(Located located) {
    Predicate<Resource> matches =
        r ->
            r.resourceId().equals(located.resourceId())
                && located.type().map(t -> t == r.type()).orElse(true);
    List<ResourceKey> found;
    try (Stream<Resource> stored =
        store.query(InventoryQuery.account(located.account()).includingDeleted())) {
      found =
          stored
              .filter(matches)
              .map(r -> ResourceKey.of(r.type(), r.region(), r.resourceId()))
              .distinct()
              .sorted(Comparator.comparing(ResourceKey::value))
              .toList();
    }
    if (found.isEmpty()) {
      throw invalid(
          "unknown-resource",
          "no stored resource of "
              + located.account()
              + " has the id '"
              + located.resourceId()
              + "': give its key <type>#<region>#<resourceId> to sync a resource not listed yet");
    }
    if (found.size() > 1) {
      throw invalid(
          "ambiguous-resource",
          "the id '"
              + located.resourceId()
              + "' matches "
              + found
              + " in "
              + located.account()
              + ": give one of these keys");
    }
    return found.get(0);
  }

  /** The stored scope covering {@code key}: its own region's, else an all-regions one. */
  private Scope scopeOf(AccountKey account, ResourceKey key) {
    return store.scopes(account).stream()
        .map(ScopeStatus::scope)
        .filter(scope -> scope.covers(key))
        .min(Comparator.comparing(Scope::allRegions))
        .orElseThrow(
            () ->
                invalid(
                    "unknown-scope",
                    "no listing of "
                        + account
                        + " has covered "
                        + key.type().key()
                        + " in "
                        + key.region()
                        + " yet: sync the whole account first ({\"accounts\": [\""
                        + account
                        + "\"]})"));
  }

  static InvalidTargetException invalid(String reason, String message) {
    return new InvalidTargetException(reason, message);
  }
}
