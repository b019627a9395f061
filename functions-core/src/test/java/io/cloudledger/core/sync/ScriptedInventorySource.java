package io.cloudledger.core.sync;

import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A fake source playing a script: pages, scope outcomes and an optional error thrown after a given
 * number of pages. With {@link #concurrently(int)} each scope's pages come from its own thread, as
 * real connectors list regions in parallel.
 */
final class ScriptedInventorySource implements InventorySource {
  private final List<ResourcePage> pages = new ArrayList<>();
  private final List<ScopeOutcome> outcomes = new ArrayList<>();
  private Supplier<RuntimeException> error;
  private int errorAfterPages = -1;
  private int threads = 1;
  private long apiCalls;
  private int pagesDelivered;
  private int pagesRejected;

  /** A source whose every scope (per region and type of the observations) lists completely. */
  static ScriptedInventorySource completeListing(List<ResourceObservation> observations) {
    ScriptedInventorySource source = new ScriptedInventorySource();
    Map<Scope, List<ResourceObservation>> byScope = new LinkedHashMap<>();
    for (ResourceObservation observation : observations) {
      byScope.computeIfAbsent(observation.key().scope(), s -> new ArrayList<>()).add(observation);
    }
    byScope.forEach((scope, scoped) -> source.page(scope, scoped).complete(scope));
    return source;
  }

  ScriptedInventorySource page(Scope scope, List<ResourceObservation> observations) {
    pages.add(ResourcePage.of(scope, observations));
    return this;
  }

  ScriptedInventorySource page(Scope scope, ResourceObservation... observations) {
    return page(scope, List.of(observations));
  }

  ScriptedInventorySource complete(Scope scope) {
    outcomes.add(ScopeOutcome.complete(scope));
    return this;
  }

  ScriptedInventorySource partial(Scope scope, String reason) {
    outcomes.add(ScopeOutcome.partial(scope, reason));
    return this;
  }

  ScriptedInventorySource failed(Scope scope, String reason) {
    outcomes.add(ScopeOutcome.failed(scope, reason));
    return this;
  }

  /** Throws {@code error} from {@code list} once {@code pageCount} pages were delivered. */
  ScriptedInventorySource failAfterPages(int pageCount, Supplier<RuntimeException> error) {
    this.errorAfterPages = pageCount;
    this.error = error;
    return this;
  }

  ScriptedInventorySource concurrently(int threadCount) {
    this.threads = threadCount;
    return this;
  }

  ScriptedInventorySource apiCalls(long calls) {
    this.apiCalls = calls;
    return this;
  }

  synchronized int pagesDelivered() {
    return pagesDelivered;
  }

  synchronized int pagesRejected() {
    return pagesRejected;
  }

  @Override
  public ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink) {
    if (threads == 1) {
      for (ResourcePage page : pages) {
        deliver(page, sink);
      }
    } else {
      deliverConcurrently(sink);
    }
    if (error != null && errorAfterPages >= pages.size()) {
      throw error.get();
    }
    return new ListingReport(outcomes, apiCalls);
  }

  private void deliver(ResourcePage page, PageSink sink) {
    synchronized (this) {
      if (error != null && pagesDelivered == errorAfterPages) {
        throw error.get();
      }
    }
    try {
      sink.accept(page);
    } catch (RuntimeException e) {
      synchronized (this) {
        pagesRejected++;
      }
      throw e;
    }
    synchronized (this) {
      pagesDelivered++;
    }
  }

  private void deliverConcurrently(PageSink sink) {
    Map<Scope, List<ResourcePage>> byScope = new LinkedHashMap<>();
    pages.forEach(page -> byScope.computeIfAbsent(page.scope(), s -> new ArrayList<>()).add(page));
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> tasks = new ArrayList<>();
      for (List<ResourcePage> scoped : byScope.values()) {
        tasks.add(executor.submit(() -> scoped.forEach(page -> deliver(page, sink))));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
