package io.cloudledger.core.sync;

import io.cloudledger.core.model.AccountKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A thread-safe {@link SyncRunStore} in memory, for tests and local runs. */
public final class InMemorySyncRunStore implements SyncRunStore {

  private final Map<String, TreeMap<AccountKey, SyncRun>> runs = new HashMap<>();

  @Override
  public synchronized void save(SyncRun run) {
    runs.computeIfAbsent(run.requestId(), id -> new TreeMap<>()).put(run.account(), run);
  }

  @Override
  public synchronized Optional<SyncRun> find(String requestId, AccountKey account) {
    return Optional.ofNullable(runs.getOrDefault(requestId, new TreeMap<>()).get(account));
  }

  @Override
  public synchronized List<SyncRun> findByRequestId(String requestId) {
    return List.copyOf(runs.getOrDefault(requestId, new TreeMap<>()).values());
  }
}
