package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An {@link InMemoryInventoryStore} that counts the puts and tombstones it is asked to write;
 * shared with the connectors' tests through this module's test jar.
 */
public final class CountingInventoryStore implements InventoryStore {
  private final InMemoryInventoryStore delegate = InMemoryInventoryStore.create();
  private final AtomicLong puts = new AtomicLong();
  private final AtomicLong tombstones = new AtomicLong();

  public long puts() {
    return puts.get();
  }

  public long tombstones() {
    return tombstones.get();
  }

  public void resetCounts() {
    puts.set(0);
    tombstones.set(0);
  }

  /** The live resources of {@code account}. */
  public List<Resource> live(AccountKey account) {
    try (Stream<Resource> resources = query(InventoryQuery.account(account))) {
      return resources.toList();
    }
  }

  /** The tombstoned resources of {@code account}. */
  public List<Resource> deleted(AccountKey account) {
    try (Stream<Resource> resources = query(InventoryQuery.account(account).includingDeleted())) {
      return resources.filter(Resource::deleted).toList();
    }
  }

  @Override
  public Map<String, StoredHash> hashes(AccountKey account) {
    return delegate.hashes(account);
  }

  @Override
  public void apply(ChangeSet changes) {
    puts.addAndGet(changes.puts().size());
    tombstones.addAndGet(changes.tombstones().size());
    delegate.apply(changes);
  }

  @Override
  public List<ScopeStatus> scopes(AccountKey account) {
    return delegate.scopes(account);
  }

  @Override
  public void saveScopes(AccountKey account, List<ScopeStatus> scopes) {
    delegate.saveScopes(account, scopes);
  }

  @Override
  public Stream<Resource> query(InventoryQuery query) {
    return delegate.query(query);
  }
}
