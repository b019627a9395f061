package io.cloudledger.core.sync;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.inventory.ScopeSelection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one account's inventory: pages a source, diffs each resource's content hash against the
 * store, writes only new or changed resources, tombstones resources missing from a complete listing
 * of their scope, and records a {@link SyncRun}.
 *
 * <p>Running the same target twice leaves the store as one run would and writes nothing the second
 * time. If the source or the store throws, the run is recorded as {@code FAILED} and the exception
 * propagates, so the adapter can map a {@link io.cloudledger.core.error.RetryableException} to a
 * retry and a {@link io.cloudledger.core.error.PermanentException} to the dead-letter path.
 * Tombstones are decided only after the listing returned, so a failed listing tombstones nothing;
 * puts already flushed stay (they are true observations, and the retry finds them unchanged).
 *
 * <p>Duplicates: the first observation of a resource key counts, later copies are counted as {@code
 * duplicates} and ignored. A key belongs to one scope, and sources list a scope's pages in order,
 * so "first" is deterministic.
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private final InventoryStore store;
  private final SyncRunStore runs;
  private final Clock clock;
  private final SyncSettings settings;

  public SyncEngine(InventoryStore store, SyncRunStore runs, Clock clock, SyncSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Syncs {@code target} from {@code source}; see the class comment for failures. */
  public SyncResult sync(SyncTarget target, InventorySource source) {
    return sync(target, source, ScopeSelection.all());
  }

  /**
   * Syncs the scopes of {@code target} that {@code selection} includes, starting none after its
   * deadline. Scopes listed completely are tombstoned and recorded as usual (a checkpoint); the
   * ones not reached come back in {@link SyncResult#deferredScopes()}. The run is saved only when
   * nothing is deferred, so the account shows in progress until its last part.
   */
  public SyncResult sync(SyncTarget target, InventorySource source, ScopeSelection selection) {
    Instant startedAt = clock.instant();
    SyncSession session = null;
    try {
      session = new SyncSession(store, target, settings, startedAt);
      ListingReport report = source.list(target.account(), target.types(), session, selection);
      List<ScopeOutcome> incomplete = session.finish(report);
      SyncStatus status = incomplete.isEmpty() ? SyncStatus.SUCCEEDED : SyncStatus.PARTIAL;
      SyncRun run =
          run(target, startedAt, status, session.totals(), incomplete, report.apiCalls(), "");
      if (report.deferred().isEmpty()) {
        runs.save(run);
        log(run);
      } else {
        LOG.info(
            "sync part done, {} scopes deferred requestId={} accountKey={} status={} seen={}",
            report.deferred().size(),
            target.requestId(),
            target.account(),
            status,
            run.counts().seen());
      }
      return new SyncResult(run, session.countsByType(), report.deferred());
    } catch (RuntimeException e) {
      recordFailure(target, startedAt, session, e);
      throw e;
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  private void recordFailure(
      SyncTarget target, Instant startedAt, SyncSession session, RuntimeException error) {
    SyncCounts counts = session == null ? SyncCounts.ZERO : session.totals();
    SyncRun run = run(target, startedAt, SyncStatus.FAILED, counts, List.of(), 0, describe(error));
    try {
      runs.save(run);
    } catch (RuntimeException saveError) {
      error.addSuppressed(saveError);
    }
    LOG.warn(
        "sync failed requestId={} accountKey={} error={}",
        target.requestId(),
        target.account(),
        run.error());
  }

  private SyncRun run(
      SyncTarget target,
      Instant startedAt,
      SyncStatus status,
      SyncCounts counts,
      List<ScopeOutcome> failedScopes,
      long apiCalls,
      String error) {
    return new SyncRun(
        target.requestId(),
        target.account(),
        target.trigger(),
        target.types(),
        startedAt,
        clock.instant(),
        status,
        counts,
        failedScopes,
        apiCalls,
        error);
  }

  private static String describe(RuntimeException error) {
    String code =
        error instanceof CloudledgerException known
            ? known.reason()
            : error.getClass().getSimpleName();
    return error.getMessage() == null ? code : code + ": " + error.getMessage();
  }

  private static void log(SyncRun run) {
    SyncCounts counts = run.counts();
    LOG.info(
        "sync {} requestId={} accountKey={} seen={} created={} changed={} unchanged={}"
            + " tombstoned={} failedScopes={}",
        run.status(),
        run.requestId(),
        run.account(),
        counts.seen(),
        counts.created(),
        counts.changed(),
        counts.unchanged(),
        counts.tombstoned(),
        run.failedScopes().size());
  }
}
