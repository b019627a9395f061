package io.cloudledger.azure.queue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueStorageException;
import io.cloudledger.azure.session.AzureErrors;
import io.cloudledger.core.dispatch.Dispatcher;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Dispatcher} onto an Azure Storage queue. Storage Queues have no batch send, so each
 * request is one {@code Put Message}, at most {@code parallelism} of them in flight on virtual
 * threads; the storage SDK retries each one itself (throttling, timeouts, 5xx). Returns when every
 * request was sent, else throws naming how many were not and why: {@link RetryableException} when
 * any failure may pass, {@link PermanentException} when all were refused (a missing queue, a
 * message too large, bad credentials).
 */
public final class AzureStorageQueueDispatcher implements Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AzureStorageQueueDispatcher.class);
  public static final int DEFAULT_PARALLELISM = 16;

  private final QueueClient queue;
  private final int parallelism;
  private final AtomicLong sends = new AtomicLong();

  public AzureStorageQueueDispatcher(QueueClient queue, int parallelism) {
    this.queue = Objects.requireNonNull(queue, "queue");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  public static AzureStorageQueueDispatcher create(QueueClient queue) {
    return new AzureStorageQueueDispatcher(queue, DEFAULT_PARALLELISM);
  }

  /** Messages sent so far (successful {@code Put Message} calls). */
  public long sends() {
    return sends.get();
  }

  @Override
  public void dispatch(List<SyncRequest> requests) {
    Semaphore inFlight = new Semaphore(parallelism);
    List<CloudledgerException> failures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<CloudledgerException>> results = new ArrayList<>();
      for (SyncRequest request : requests) {
        String body = SyncRequestCodec.toJson(request);
        results.add(executor.submit(() -> send(body, request, inFlight)));
      }
      for (Future<CloudledgerException> result : results) {
        CloudledgerException failure = join(result);
        if (failure != null) {
          failures.add(failure);
        }
      }
    }
    if (!failures.isEmpty()) {
      throw summary(failures, requests.size());
    }
    LOG.debug("sent {} requests to queue {}", requests.size(), queue.getQueueName());
  }

  private CloudledgerException send(String body, SyncRequest request, Semaphore inFlight)
      throws InterruptedException {
    inFlight.acquire();
    try {
      queue.sendMessage(body);
      sends.incrementAndGet();
      return null;
    } catch (RuntimeException e) {
      CloudledgerException failure = classify(e);
      LOG.warn(
          "could not send requestId={} accountKey={} to queue {}: {}",
          request.requestId(),
          request.accountKey(),
          queue.getQueueName(),
          failure.getMessage());
      return failure;
    } finally {
      inFlight.release();
    }
  }

  /** Storage answers its own error codes ({@code QueueNotFound}, {@code ServerBusy}...). */
  private CloudledgerException classify(RuntimeException e) {
    String where = "Put Message on queue " + queue.getQueueName();
    if (e instanceof QueueStorageException storage) {
      int status = storage.getStatusCode();
      String message =
          where
              + " answered HTTP "
              + status
              + " "
              + (storage.getErrorCode() == null ? "" : storage.getErrorCode().toString());
      return status == 429 || status == 408 || status >= 500
          ? new RetryableException("server-busy", message, e)
          : new PermanentException(status == 404 ? "not-found" : "refused", message, e);
    }
    return AzureErrors.map(e, "Put Message", "queue " + queue.getQueueName());
  }

  private CloudledgerException summary(List<CloudledgerException> failures, int total) {
    boolean anyRetryable = failures.stream().anyMatch(f -> f instanceof RetryableException);
    TreeSet<String> reasons = new TreeSet<>();
    failures.forEach(f -> reasons.add(f.reason()));
    String message =
        failures.size()
            + " of "
            + total
            + " sync requests could not be sent to queue "
            + queue.getQueueName()
            + " ("
            + String.join(", ", reasons)
            + "; first: "
            + failures.get(0).getMessage()
            + ")";
    return anyRetryable
        ? new RetryableException("dispatch-incomplete", message, failures.get(0))
        : new PermanentException("dispatch-rejected", message, failures.get(0));
  }

  private static CloudledgerException join(Future<CloudledgerException> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted", "interrupted while sending sync requests", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sending a sync request failed", e.getCause());
    }
  }
}
