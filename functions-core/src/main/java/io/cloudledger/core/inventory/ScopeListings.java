package io.cloudledger.core.inventory;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs a connector's per-scope listings concurrently and turns each into a {@link ScopeOutcome}, so
 * every connector classifies failures the same way:
 *
 * <ul>
 *   <li>a {@link CloudledgerException} thrown by the lister for one scope (throttled beyond its
 *       retries, access denied in that region) makes that scope {@code FAILED} and the others carry
 *       on;
 *   <li>an exception thrown by the sink (the store failed), even wrapped by the lister, stops every
 *       scope and propagates unwrapped, because it says nothing about the scope being listed; so
 *       does any other exception (a bug).
 * </ul>
 */
public final class ScopeListings {
  private ScopeListings() {}

  /**
   * Lists {@code scopes} with at most {@code parallelism} running at once; returns their outcomes
   * in the order of {@code scopes}, after every listing has ended.
   */
  public static List<ScopeOutcome> listAll(
      List<Scope> scopes, int parallelism, ScopeLister lister, PageSink sink) {
    Objects.requireNonNull(lister, "lister");
    Objects.requireNonNull(sink, "sink");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (scopes.isEmpty()) {
      return List.of();
    }
    GuardedSink guarded = new GuardedSink(sink);
    // Listings wait on the network: a virtual thread each, with a semaphore as the bound that
    // keeps one account within its API rate limits.
    Semaphore permits = new Semaphore(parallelism);
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scope-listing-", 0).factory());
    try {
      List<Future<ScopeOutcome>> tasks = new ArrayList<>();
      for (Scope scope : scopes) {
        tasks.add(
            executor.submit(
                () -> {
                  permits.acquire();
                  try {
                    return listOne(scope, lister, guarded);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<ScopeOutcome> outcomes = new ArrayList<>();
      for (Future<ScopeOutcome> task : tasks) {
        outcomes.add(await(task));
      }
      return outcomes;
    } finally {
      executor.shutdownNow(); // interrupts listings still running after a failure
    }
  }

  /** The outcomes of the scopes that were listed, and those deferred for lack of time. */
  public record Listed(List<ScopeOutcome> outcomes, List<Scope> deferred) {
    public Listed {
      outcomes = List.copyOf(outcomes);
      deferred = List.copyOf(deferred);
    }
  }

  /**
   * {@link #listAll} of the scopes {@code selection} includes; a scope whose turn comes after the
   * selection's deadline is not started but deferred, so a worker with a time budget stops at a
   * scope boundary and every scope it reports is whole.
   */
  public static Listed listSelected(
      List<Scope> scopes,
      int parallelism,
      ScopeLister lister,
      PageSink sink,
      ScopeSelection selection,
      java.time.Clock clock) {
    List<Scope> selected = scopes.stream().filter(selection::includes).toList();
    java.util.Set<Scope> deferred = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean started =
        new java.util.concurrent.atomic.AtomicBoolean();
    ScopeLister timed =
        (scope, pageSink) -> {
          // At least one scope is listed per part, however short the budget: every part makes
          // progress, so a sync always ends.
          if (selection.expired(clock) && started.get()) {
            deferred.add(scope);
            return ScopeOutcome.partial(scope, "deferred: the worker's time budget ran out");
          }
          started.set(true);
          return lister.list(scope, pageSink);
        };
    List<ScopeOutcome> outcomes = listAll(selected, parallelism, timed, sink);
    return new Listed(
        outcomes.stream().filter(o -> !deferred.contains(o.scope())).toList(),
        selected.stream().filter(deferred::contains).toList());
  }

  private static ScopeOutcome listOne(Scope scope, ScopeLister lister, GuardedSink sink) {
    try {
      ScopeOutcome outcome = lister.list(scope, sink);
      if (outcome == null || !outcome.scope().equals(scope)) {
        throw new IllegalStateException(
            "the lister of " + scope + " returned the outcome " + outcome + " for another scope");
      }
      return outcome;
    } catch (RuntimeException e) {
      if (sink.threw(e)) {
        // Rethrow the sink's own error even if the lister wrapped it: a throttled store must
        // stay retryable, whatever the connector made of it.
        throw sink.thrown;
      }
      if (e instanceof CloudledgerException listingFailure) {
        return ScopeOutcome.failed(scope, listingFailure);
      }
      throw e;
    }
  }

  private static ScopeOutcome await(Future<ScopeOutcome> task) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a scope listing failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for scope listings", e);
    }
  }

  /** Remembers what the real sink threw, to tell store failures from listing failures. */
  private static final class GuardedSink implements PageSink {
    private final PageSink delegate;
    private volatile RuntimeException thrown;

    GuardedSink(PageSink delegate) {
      this.delegate = delegate;
    }

    @Override
    public void accept(ResourcePage page) {
      RuntimeException earlier = thrown;
      if (earlier != null) {
        throw earlier; // another scope's page already broke the sink: stop this one too
      }
      try {
        delegate.accept(page);
      } catch (RuntimeException e) {
        thrown = e;
        throw e;
      }
    }

    /** Whether {@code e} is, or was caused by, what the real sink threw. */
    boolean threw(Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause == thrown) {
          return true;
        }
      }
      return false;
    }
  }
}
