package io.cloudledger.aws.sqs;

import io.cloudledger.core.dispatch.Dispatcher;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The {@link Dispatcher} onto an SQS queue: {@code SendMessageBatch} in groups of 10 (and at most
 * 256 KiB), several groups in flight on virtual threads, and only the failed entries of a group
 * sent again, with backoff. Entries SQS rejects as the sender's fault (too large, invalid) are not
 * retried. Returns when every request was sent, else throws naming how many were not and why.
 */
public final class SqsDispatcher implements Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SqsDispatcher.class);

  private final SqsClient client;
  private final String queueUrl;
  private final SqsDispatcherSettings settings;
  private final AtomicLong calls = new AtomicLong();

  public SqsDispatcher(SqsClient client, String queueUrl, SqsDispatcherSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public static SqsDispatcher create(SqsClient client, String queueUrl) {
    return new SqsDispatcher(client, queueUrl, SqsDispatcherSettings.defaults());
  }

  /** {@code SendMessageBatch} calls made so far. */
  public long calls() {
    return calls.get();
  }

  @Override
  public void dispatch(List<SyncRequest> requests) {
    List<String> bodies = requests.stream().map(SyncRequestCodec::toJson).toList();
    List<List<Integer>> batches = MessageBatches.split(bodies);
    Map<Integer, String> failures = new TreeMap<>();
    boolean anyRetryable = false;
    Semaphore inFlight = new Semaphore(settings.parallelism());
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Map<Integer, Failure>>> results = new ArrayList<>();
      for (List<Integer> batch : batches) {
        results.add(
            executor.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    return send(batch, bodies);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (Future<Map<Integer, Failure>> result : results) {
        for (Map.Entry<Integer, Failure> failure : join(result).entrySet()) {
          failures.put(failure.getKey(), failure.getValue().code());
          anyRetryable |= failure.getValue().retryable();
        }
      }
    }
    if (!failures.isEmpty()) {
      String message =
          failures.size()
              + " of "
              + requests.size()
              + " sync requests could not be sent to the queue (error codes: "
              + String.join(", ", new java.util.TreeSet<>(failures.values()))
              + ")";
      throw anyRetryable
          ? new RetryableException("dispatch-incomplete", message)
          : new PermanentException("dispatch-rejected", message);
    }
    LOG.debug("sent {} requests in {} batches", requests.size(), batches.size());
  }

  private record Failure(String code, boolean retryable) {}

  /** Sends one group, re-sending only its failed entries; returns what still failed. */
  private Map<Integer, Failure> send(List<Integer> batch, List<String> bodies)
      throws InterruptedException {
    List<Integer> pending = batch;
    Map<Integer, Failure> failed = new HashMap<>();
    for (int attempt = 1; attempt <= settings.maxAttempts() && !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        backoff(attempt);
      }
      failed.clear();
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (Integer index : pending) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(index))
                .messageBody(bodies.get(index))
                .build());
      }
      try {
        calls.incrementAndGet();
        SendMessageBatchResponse response =
            client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        List<Integer> retry = new ArrayList<>();
        for (BatchResultErrorEntry error : response.failed()) {
          int index = Integer.parseInt(error.id());
          boolean retryable = !Boolean.TRUE.equals(error.senderFault());
          failed.put(index, new Failure(error.code(), retryable));
          if (retryable) {
            retry.add(index);
          }
        }
        pending = retry;
      } catch (SdkException e) {
        // The SDK already retried the call itself; try the whole group again after a pause.
        String code = e.getClass().getSimpleName();
        pending.forEach(index -> failed.put(index, new Failure(code, e.retryable())));
        if (!e.retryable()) {
          break;
        }
      }
    }
    return Map.copyOf(failed);
  }

  private void backoff(int attempt) throws InterruptedException {
    long cap = settings.firstBackoff().toMillis() << Math.min(attempt - 2, 10);
    Thread.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1)));
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted", "interrupted while sending sync requests", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("sending sync requests failed", e.getCause());
    }
  }
}
