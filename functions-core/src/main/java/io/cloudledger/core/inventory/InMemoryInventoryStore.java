package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A thread-safe {@link InventoryStore} in memory, for tests and {@code inventory.store: memory}.
 * Like DynamoDB's TTL, it drops tombstoned items once their expiry has passed on {@code clock}.
 */
public final class InMemoryInventoryStore implements InventoryStore {

  private record Item(Resource resource, long expiresAtEpochSecond) {
    static final long NEVER = Long.MAX_VALUE;
  }

  private final Clock clock;
  private final Map<AccountKey, TreeMap<String, Item>> items = new TreeMap<>();
  private final Map<AccountKey, TreeMap<Scope, ScopeStatus>> scopes = new HashMap<>();

  public InMemoryInventoryStore(Clock clock) {
    this.clock = clock;
  }

  /** A store whose TTL follows the system clock. */
  public static InMemoryInventoryStore create() {
    return new InMemoryInventoryStore(Clock.systemUTC());
  }

  @Override
  public synchronized Map<String, StoredHash> hashes(AccountKey account) {
    Map<String, StoredHash> hashes = new HashMap<>();
    for (Item item : liveItems(account).values()) {
      Resource resource = item.resource();
      hashes.put(
          resource.resourceKey(),
          new StoredHash(
              resource.resourceKey(),
              resource.contentHash(),
              resource.firstSeen(),
              resource.deleted()));
    }
    return hashes;
  }

  @Override
  public synchronized void apply(ChangeSet changes) {
    TreeMap<String, Item> account = items.computeIfAbsent(changes.account(), a -> new TreeMap<>());
    for (Resource resource : changes.puts()) {
      account.put(resource.resourceKey(), new Item(resource, Item.NEVER));
    }
    for (Tombstone tombstone : changes.tombstones()) {
      Item item = account.get(tombstone.resourceKey());
      if (item != null) {
        Resource resource = item.resource();
        if (tombstone.lastSeen() != null && tombstone.lastSeen().isAfter(resource.lastSeen())) {
          resource = resource.withLastSeen(tombstone.lastSeen());
        }
        account.put(
            tombstone.resourceKey(),
            new Item(resource.tombstoned(tombstone.deletedAt()), tombstone.expiresAtEpochSecond()));
      }
    }
  }

  @Override
  public synchronized List<ScopeStatus> scopes(AccountKey account) {
    return List.copyOf(scopes.getOrDefault(account, new TreeMap<>()).values());
  }

  @Override
  public synchronized void saveScopes(AccountKey account, List<ScopeStatus> statuses) {
    TreeMap<Scope, ScopeStatus> saved = scopes.computeIfAbsent(account, a -> new TreeMap<>());
    for (ScopeStatus status : statuses) {
      saved.put(status.scope(), status);
    }
  }

  /** A snapshot of the matching resources, taken under the lock. */
  @Override
  public synchronized Stream<Resource> query(InventoryQuery query) {
    List<Resource> result = new ArrayList<>();
    for (AccountKey account : List.copyOf(items.keySet())) {
      if (!query.selects(account)) {
        continue;
      }
      List<ScopeStatus> accountScopes = scopes(account);
      for (Item item : liveItems(account).values()) {
        Resource resource = item.resource();
        if (query.matches(resource)) {
          result.add(resource.withLastSeen(ScopeStatus.lastSeen(resource, accountScopes)));
        }
      }
    }
    return result.stream();
  }

  /** The account's items after dropping those whose TTL has passed. */
  private TreeMap<String, Item> liveItems(AccountKey account) {
    TreeMap<String, Item> accountItems = items.get(account);
    if (accountItems == null) {
      return new TreeMap<>();
    }
    long now = Instant.now(clock).getEpochSecond();
    accountItems.values().removeIf(item -> item.expiresAtEpochSecond() <= now);
    return accountItems;
  }
}
