package io.cloudledger.core.sync;

import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.inventory.StoredHash;
import io.cloudledger.core.inventory.Tombstone;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ContentHasher;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one account's sync. As the page sink it diffs each page against the preloaded hash
 * projection and streams puts to the store in bounded change sets; afterwards it decides the
 * tombstones and scope records. Memory holds the projection, the keys seen so far and at most one
 * change set, never the whole listing. The lock makes concurrent pages safe and, because store
 * writes happen under it, slows a fast source down to the store's pace.
 */
final class SyncSession implements PageSink {
  private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);

  private final InventoryStore store;
  private final SyncTarget target;
  private final SyncSettings settings;
  private final Instant listedAt;
  private final Map<String, StoredHash> stored;
  private final Map<Scope, ScopeStatus> previousScopes = new HashMap<>();

  private final Set<String> seen = new HashSet<>();
  private final Map<Scope, Long> itemsPerScope = new HashMap<>();
  private final Map<ResourceType, CountsBuilder> counts = new EnumMap<>(ResourceType.class);
  private final List<Resource> pendingPuts = new ArrayList<>();
  private boolean closed;
  private RuntimeException failure;

  SyncSession(InventoryStore store, SyncTarget target, SyncSettings settings, Instant listedAt) {
    this.store = store;
    this.target = target;
    this.settings = settings;
    this.listedAt = listedAt;
    this.stored = store.hashes(target.account());
    for (ScopeStatus status : store.scopes(target.account())) {
      previousScopes.put(status.scope(), status);
    }
  }

  @Override
  public synchronized void accept(ResourcePage page) {
    if (closed) {
      throw new IllegalStateException(
          "a page of " + page.scope() + " arrived after the listing of " + account() + " ended");
    }
    if (failure != null) {
      throw failure; // the store already failed: stop the source rather than keep listing
    }
    try {
      if (!target.types().contains(page.scope().type())) {
        throw new IllegalArgumentException(
            "the source sent "
                + page.scope().type().key()
                + " resources of "
                + account()
                + " but only "
                + target.types()
                + " were requested");
      }
      for (ResourceObservation observation : page.observations()) {
        observe(page.scope(), observation);
      }
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private void observe(Scope scope, ResourceObservation observation) {
    CountsBuilder typeCounts = countsOf(observation.type());
    String key = observation.resourceKey();
    if (!seen.add(key)) {
      // The first copy counts; later ones (e.g. a resource moving between pages) are ignored.
      typeCounts.duplicates++;
      return;
    }
    typeCounts.seen++;
    itemsPerScope.merge(scope, 1L, Long::sum);
    String hash = ContentHasher.hash(account(), observation);
    StoredHash previous = stored.get(key);
    if (previous == null || previous.deleted()) {
      typeCounts.created++;
      put(Resource.observed(account(), observation, hash, listedAt, listedAt));
    } else if (!previous.contentHash().equals(hash)) {
      typeCounts.changed++;
      put(Resource.observed(account(), observation, hash, previous.firstSeen(), listedAt));
    } else {
      typeCounts.unchanged++;
    }
  }

  private void put(Resource resource) {
    pendingPuts.add(resource);
    if (pendingPuts.size() >= settings.flushSize()) {
      flushPuts();
    }
  }

  private void flushPuts() {
    if (!pendingPuts.isEmpty()) {
      store.apply(ChangeSet.puts(account(), pendingPuts));
      pendingPuts.clear();
    }
  }

  /**
   * Ends the listing: writes the remaining puts, tombstones what complete scopes no longer return,
   * and saves the scope records. Returns the scopes that were not complete.
   */
  synchronized List<ScopeOutcome> finish(ListingReport report) {
    closed = true;
    if (failure != null) {
      throw failure; // the source swallowed the sink's exception
    }
    flushPuts();
    Map<Scope, ScopeOutcome> outcomes = mergeOutcomes(report);
    tombstoneAbsent(outcomes);
    saveScopes(outcomes);
    return outcomes.values().stream().filter(outcome -> !outcome.complete()).toList();
  }

  /** Stops accepting pages; called on every exit so a straggling source thread cannot write. */
  synchronized void close() {
    closed = true;
  }

  /**
   * One outcome per listed scope: the worst when a scope was reported twice, and partial when a
   * scope sent pages but no outcome. Outcomes of types that were not requested are dropped.
   */
  private Map<Scope, ScopeOutcome> mergeOutcomes(ListingReport report) {
    Map<Scope, ScopeOutcome> merged = new TreeMap<>();
    for (ScopeOutcome outcome : report.outcomes()) {
      if (!target.types().contains(outcome.scope().type())) {
        LOG.warn(
            "ignoring outcome of unrequested scope {} requestId={} accountKey={}",
            outcome.scope(),
            target.requestId(),
            account());
        continue;
      }
      merged.merge(
          outcome.scope(), outcome, (a, b) -> a.status().compareTo(b.status()) >= 0 ? a : b);
    }
    for (Scope scope : itemsPerScope.keySet()) {
      merged.putIfAbsent(
          scope, ScopeOutcome.partial(scope, "the source reported no outcome for this scope"));
    }
    return merged;
  }

  /**
   * Tombstones each live stored resource that was not seen, when a complete listing covering it ran
   * and no failed or partial listing covering it did. A resource in a scope that was not listed at
   * all this run (type not requested, region no longer listed) is left alone: its absence proves
   * nothing.
   */
  private void tombstoneAbsent(Map<Scope, ScopeOutcome> outcomes) {
    long expiresAt = listedAt.plus(settings.tombstoneRetention()).getEpochSecond();
    List<Tombstone> pending = new ArrayList<>();
    for (StoredHash hash : stored.values()) {
      if (hash.deleted() || seen.contains(hash.resourceKey())) {
        continue;
      }
      ResourceKey key = ResourceKey.parse(hash.resourceKey());
      if (!target.types().contains(key.type()) || !provenAbsent(key, outcomes)) {
        continue;
      }
      pending.add(new Tombstone(hash.resourceKey(), listedAt, expiresAt, previouslySeen(key)));
      countsOf(key.type()).tombstoned++;
      if (pending.size() >= settings.flushSize()) {
        store.apply(ChangeSet.tombstones(account(), pending));
        pending.clear();
      }
    }
    if (!pending.isEmpty()) {
      store.apply(ChangeSet.tombstones(account(), pending));
    }
  }

  private static boolean provenAbsent(ResourceKey key, Map<Scope, ScopeOutcome> outcomes) {
    ScopeOutcome regional = outcomes.get(key.scope());
    ScopeOutcome everywhere = outcomes.get(Scope.allRegions(key.type()));
    if (regional == null && everywhere == null) {
      return false;
    }
    return (regional == null || regional.complete())
        && (everywhere == null || everywhere.complete());
  }

  /** The latest complete listing before this run that covered the resource, if any. */
  private Instant previouslySeen(ResourceKey key) {
    Instant latest = null;
    for (Scope scope : List.of(key.scope(), Scope.allRegions(key.type()))) {
      ScopeStatus status = previousScopes.get(scope);
      if (status != null
          && status.lastCompleteAt() != null
          && (latest == null || status.lastCompleteAt().isAfter(latest))) {
        latest = status.lastCompleteAt();
      }
    }
    return latest;
  }

  private void saveScopes(Map<Scope, ScopeOutcome> outcomes) {
    List<ScopeStatus> statuses = new ArrayList<>();
    for (ScopeOutcome outcome : outcomes.values()) {
      ScopeStatus previous = previousScopes.get(outcome.scope());
      long items = itemsPerScope.getOrDefault(outcome.scope(), 0L);
      if (!worthWriting(outcome, items, previous)) {
        continue;
      }
      Instant lastComplete =
          outcome.complete() ? listedAt : previous == null ? null : previous.lastCompleteAt();
      statuses.add(
          new ScopeStatus(
              outcome.scope(), listedAt, outcome.status(), outcome.reason(), items, lastComplete));
    }
    if (!statuses.isEmpty()) {
      store.saveScopes(account(), statuses);
    }
  }

  /**
   * Whether this run's outcome of a scope must be stored. Writes should grow with changes, not with
   * the number of scopes: an empty scope listed completely for the first time holds nothing whose
   * "last seen" it could vouch for, and a scope that ended exactly as its stored record says only
   * moves "last seen" forward, which can wait until the record is {@code scopeRefresh} old.
   */
  private boolean worthWriting(ScopeOutcome outcome, long items, ScopeStatus previous) {
    if (previous == null) {
      return !(outcome.complete() && items == 0);
    }
    boolean sameOutcome =
        previous.status() == outcome.status()
            && previous.reason().equals(outcome.reason())
            && previous.itemCount() == items;
    return !sameOutcome || !previous.lastListedAt().plus(settings.scopeRefresh()).isAfter(listedAt);
  }

  synchronized Map<ResourceType, SyncCounts> countsByType() {
    Map<ResourceType, SyncCounts> result = new EnumMap<>(ResourceType.class);
    counts.forEach((type, builder) -> result.put(type, builder.build()));
    return result;
  }

  synchronized SyncCounts totals() {
    SyncCounts total = SyncCounts.ZERO;
    for (CountsBuilder builder : counts.values()) {
      total = total.plus(builder.build());
    }
    return total;
  }

  private CountsBuilder countsOf(ResourceType type) {
    return counts.computeIfAbsent(type, t -> new CountsBuilder());
  }

  private AccountKey account() {
    return target.account();
  }
}
