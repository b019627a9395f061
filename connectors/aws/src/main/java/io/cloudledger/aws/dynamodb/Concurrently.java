package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.RetryableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs an action over items on virtual threads, at most {@code parallelism} at a time, so a store
 * keeps several requests in flight without flooding the table. After a failure it starts no new
 * item, waits for the running ones and rethrows the first failure.
 */
final class Concurrently {
  private Concurrently() {}

  static <T> void forEach(List<T> items, int parallelism, Consumer<T> action) {
    if (items.size() == 1) {
      action.accept(items.getFirst());
      return;
    }
    Semaphore permits = new Semaphore(parallelism);
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        permits.acquire();
        if (failed.get()) {
          permits.release();
          break;
        }
        running.add(
            executor.submit(
                () -> {
                  try {
                    action.accept(item);
                  } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                  } finally {
                    permits.release();
                  }
                }));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted", "interrupted while writing to DynamoDB", e);
    }
    rethrowFirstFailure(running);
  }

  private static void rethrowFirstFailure(List<Future<?>> futures) {
    RuntimeException first = null;
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        RuntimeException failure =
            e.getCause() instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException(e.getCause());
        if (first == null) {
          first = failure;
        } else if (!(first instanceof CloudledgerException)
            && failure instanceof CloudledgerException) {
          failure.addSuppressed(first);
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableException("interrupted", "interrupted while writing to DynamoDB", e);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
