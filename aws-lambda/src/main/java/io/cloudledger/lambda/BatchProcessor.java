package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cloudledger.core.dispatch.MalformedRequestException;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.worker.SyncWorker;
import io.cloudledger.core.worker.WorkResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Processes an SQS batch message by message, on virtual threads (each message is a different
 * account), and answers the ids of the failed ones: retryable errors, permanent errors and
 * malformed messages alike, each logged with its message id. Nothing is dropped silently.
 */
final class BatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
  private final SyncWorker worker;

  BatchProcessor(SyncWorker worker) {
    this.worker = worker;
  }

  SQSBatchResponse process(SQSEvent event) {
    return process(event, Instant.MAX);
  }

  /** {@link #process(SQSEvent)}, starting no new unit of work after {@code deadline}. */
  SQSBatchResponse process(SQSEvent event, Instant deadline) {
    List<SQSEvent.SQSMessage> messages =
        event.getRecords() == null ? List.of() : event.getRecords();
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (SQSEvent.SQSMessage message : messages) {
        outcomes.add(executor.submit(() -> processOne(message, deadline)));
      }
      for (int i = 0; i < messages.size(); i++) {
        if (!succeeded(outcomes.get(i), messages.get(i))) {
          failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).getMessageId()));
        }
      }
    }
    return new SQSBatchResponse(failures);
  }

  private boolean processOne(SQSEvent.SQSMessage message, Instant deadline) {
    MDC.put("messageId", message.getMessageId());
    try {
      SyncRequest request = SyncRequestCodec.fromJson(message.getBody());
      WorkResult result = worker.process(request, deadline);
      LOG.info(
          "processed messageId={} requestId={} accountKey={} replayed={}",
          message.getMessageId(),
          result.requestId(),
          result.accountKey(),
          result.replayed());
      return true;
    } catch (MalformedRequestException e) {
      LOG.error(
          "malformed message messageId={} receiveCount={}: {}",
          message.getMessageId(),
          receiveCount(message),
          e.getMessage());
    } catch (RetryableException e) {
      LOG.warn(
          "retryable failure messageId={} reason={}: {}",
          message.getMessageId(),
          e.reason(),
          e.getMessage());
    } catch (PermanentException e) {
      LOG.error(
          "permanent failure messageId={} reason={} (goes to the DLQ after its receives): {}",
          message.getMessageId(),
          e.reason(),
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("unexpected failure messageId={}", message.getMessageId(), e);
    } finally {
      MDC.remove("messageId");
    }
    return false;
  }

  private static boolean succeeded(Future<Boolean> outcome, SQSEvent.SQSMessage message) {
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      LOG.error("message {} failed", message.getMessageId(), e.getCause());
      return false;
    }
  }

  private static String receiveCount(SQSEvent.SQSMessage message) {
    return message.getAttributes() == null
        ? "?"
        : message.getAttributes().getOrDefault("ApproximateReceiveCount", "?");
  }
}
