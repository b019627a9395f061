package io.cloudledger.cli.sync;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs many accounts at once on virtual threads, at most {@code parallelism} at a time (each
 * account's source bounds its own concurrency per region). One account failing never stops the
 * others; its failure is in the report.
 */
public final class SyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  private final SyncEngine engine;
  private final int parallelism;
  private final Clock clock;

  public SyncRunner(SyncEngine engine, int parallelism, Clock clock) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.engine = engine;
    this.parallelism = parallelism;
    this.clock = clock;
  }

  public SyncReport run(
      String requestId,
      List<AccountJob> jobs,
      Set<ResourceType> types,
      String trigger,
      SyncProgress progress) {
    Instant started = clock.instant();
    progress.started(jobs.size());
    Semaphore permits = new Semaphore(parallelism);
    List<AccountOutcome> outcomes = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<AccountOutcome>> futures = new ArrayList<>();
      for (AccountJob job : jobs) {
        futures.add(
            threads.submit(
                () -> {
                  permits.acquire();
                  try {
                    AccountOutcome outcome = syncOne(requestId, job, types, trigger);
                    progress.finished(outcome);
                    return outcome;
                  } finally {
                    permits.release();
                  }
                }));
      }
      for (Future<AccountOutcome> future : futures) {
        outcomes.add(await(future));
      }
    }
    return new SyncReport(requestId, outcomes, Duration.between(started, clock.instant()));
  }

  private AccountOutcome syncOne(
      String requestId, AccountJob job, Set<ResourceType> types, String trigger) {
    try {
      SyncResult result =
          engine.sync(new SyncTarget(requestId, job.account(), types, trigger), job.source());
      return new AccountOutcome.Synced(result);
    } catch (CloudledgerException e) {
      LOG.debug("sync of {} failed", job.account(), e);
      return new AccountOutcome.Failed(job.account(), e.getMessage());
    } catch (RuntimeException e) {
      // A connector or store bug must not hide the other accounts' results.
      LOG.warn("sync of {} failed unexpectedly", job.account(), e);
      return new AccountOutcome.Failed(
          job.account(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static AccountOutcome await(Future<AccountOutcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while syncing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sync task failed", e.getCause());
    }
  }
}
