package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the inventory lives (port): one partition per account, one item per resource, plus one
 * {@link ScopeStatus} per listed scope. Implementations: DynamoDB (connectors/aws) and {@link
 * InMemoryInventoryStore}. Failures are {@link io.cloudledger.core.error.RetryableException}
 * (throttled, unavailable) or {@link io.cloudledger.core.error.PermanentException}.
 */
public interface InventoryStore {

  /**
   * The hash projection of every stored resource of {@code account}, tombstoned ones included,
   * keyed by resource key: one paged, projection-only read of the account's partition. Only
   * resource items belong here (not scope records), so every key parses as a {@link
   * io.cloudledger.core.model.ResourceKey}.
   */
  Map<String, StoredHash> hashes(AccountKey account);

  /**
   * Writes a change set: puts replace whole items (clearing any tombstone and its expiry);
   * tombstones update existing items as {@link Tombstone} says and are ignored for missing ones.
   */
  void apply(ChangeSet changes);

  /** The saved scope records of {@code account}. */
  List<ScopeStatus> scopes(AccountKey account);

  /** Saves (replaces) the records of these scopes of {@code account}; others stay as they are. */
  void saveScopes(AccountKey account, List<ScopeStatus> scopes);

  /**
   * The resources matching {@code query}, ordered by account key then resource key, with {@code
   * lastSeen} derived from the scope records ({@link ScopeStatus#lastSeen}). Close the stream if
   * the store holds resources open for it.
   */
  Stream<Resource> query(InventoryQuery query);
}
