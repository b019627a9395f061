package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An in-memory store that records every change set applied to it, and can be told to fail, so tests
 * can count writes and batch sizes.
 */
public final class RecordingInventoryStore implements InventoryStore {
  private final InMemoryInventoryStore delegate;
  private final List<ChangeSet> applied = new ArrayList<>();
  private int failOnApplyNumber = -1;
  private Supplier<RuntimeException> failure;

  private final List<ScopeStatus> savedScopes = new java.util.ArrayList<>();

  public RecordingInventoryStore(InMemoryInventoryStore delegate) {
    this.delegate = delegate;
  }

  /** Makes the {@code applyNumber}-th apply from now (1-based) throw {@code error}. */
  public synchronized void failOnApply(int applyNumber, Supplier<RuntimeException> error) {
    this.failOnApplyNumber = applied.size() + applyNumber;
    this.failure = error;
  }

  public synchronized void clearRecording() {
    savedScopes.clear();
    applied.clear();
    failOnApplyNumber = -1;
  }

  public synchronized List<ChangeSet> applied() {
    return List.copyOf(applied);
  }

  public synchronized long putCount() {
    return applied.stream().mapToLong(c -> c.puts().size()).sum();
  }

  public synchronized long tombstoneCount() {
    return applied.stream().mapToLong(c -> c.tombstones().size()).sum();
  }

  public synchronized List<Tombstone> tombstones() {
    return applied.stream().flatMap(c -> c.tombstones().stream()).toList();
  }

  public synchronized int largestChangeSet() {
    return applied.stream().mapToInt(ChangeSet::size).max().orElse(0);
  }

  @Override
  public synchronized Map<String, StoredHash> hashes(AccountKey account) {
    return delegate.hashes(account);
  }

  @Override
  public synchronized void apply(ChangeSet changes) {
    if (applied.size() + 1 == failOnApplyNumber) {
      failOnApplyNumber = -1;
      throw failure.get();
    }
    applied.add(changes);
    delegate.apply(changes);
  }

  @Override
  public synchronized List<ScopeStatus> scopes(AccountKey account) {
    return delegate.scopes(account);
  }

  @Override
  public synchronized void saveScopes(AccountKey account, List<ScopeStatus> scopes) {
    savedScopes.addAll(scopes);
    delegate.saveScopes(account, scopes);
  }

  /** The scope records saved since the recording was last cleared. */
  public synchronized List<ScopeStatus> savedScopes() {
    return List.copyOf(savedScopes);
  }

  @Override
  public synchronized Stream<Resource> query(InventoryQuery query) {
    return delegate.query(query);
  }
}
