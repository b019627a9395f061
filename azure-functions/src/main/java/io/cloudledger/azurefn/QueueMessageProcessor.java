package io.cloudledger.azurefn;

import io.cloudledger.core.dispatch.MalformedRequestException;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.worker.SyncWorker;
import io.cloudledger.core.worker.WorkResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Processes one queue message through the {@link SyncWorker} and logs its outcome with the message
 * id and dequeue count. Failures are rethrown unchanged: the host's retry and poison queue are the
 * dead-letter path, so nothing is dropped silently.
 */
final class QueueMessageProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(QueueMessageProcessor.class);
  private final SyncWorker worker;

  QueueMessageProcessor(SyncWorker worker) {
    this.worker = worker;
  }

  void process(String message, String messageId, long dequeueCount) {
    MDC.put("messageId", messageId);
    try {
      SyncRequest request = SyncRequestCodec.fromJson(message);
      WorkResult result = worker.process(request);
      LOG.info(
          "processed messageId={} requestId={} accountKey={} replayed={}",
          messageId,
          result.requestId(),
          result.accountKey(),
          result.replayed());
    } catch (MalformedRequestException e) {
      LOG.error(
          "malformed message messageId={} dequeueCount={} (goes to the poison queue after"
              + " maxDequeueCount): {}",
          messageId,
          dequeueCount,
          e.getMessage());
      throw e;
    } catch (RetryableException e) {
      LOG.warn(
          "retryable failure messageId={} dequeueCount={} reason={}: {}",
          messageId,
          dequeueCount,
          e.reason(),
          e.getMessage());
      throw e;
    } catch (PermanentException e) {
      LOG.error(
          "permanent failure messageId={} dequeueCount={} reason={} (goes to the poison queue"
              + " after maxDequeueCount): {}",
          messageId,
          dequeueCount,
          e.reason(),
          e.getMessage());
      throw e;
    } finally {
      MDC.remove("messageId");
    }
  }
}
