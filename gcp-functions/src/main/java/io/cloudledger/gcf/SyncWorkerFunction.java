package io.cloudledger.gcf;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.worker.SyncWorker;
import io.cloudledger.core.worker.WorkResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The queue's worker: a Pub/Sub {@code messagePublished} CloudEvent carrying one sync request. Any
 * failure is logged with the message id and thrown, so Pub/Sub redelivers the message and, after
 * the subscription's max delivery attempts, forwards it to its dead-letter topic: a retryable
 * failure gets its retries, a permanent one (a malformed message, an unknown project) ends in the
 * dead-letter topic, as on the other runtimes (see README: why not acknowledged).
 */
public final class SyncWorkerFunction implements CloudEventsFunction {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWorkerFunction.class);
  private final SyncWorker worker;

  public SyncWorkerFunction() {
    this(Components.fromEnvironment(System.getenv()));
  }

  SyncWorkerFunction(Components components) {
    this.worker = components.worker();
  }

  @Override
  public void accept(CloudEvent event) {
    MDC.put("messageId", event.getId());
    try {
      PubSubMessage message = PubSubMessage.of(event);
      WorkResult result = worker.process(SyncRequestCodec.fromJson(message.text()));
      LOG.info(
          "processed messageId={} requestId={} accountKey={} replayed={}",
          message.messageId(),
          result.requestId(),
          result.accountKey(),
          result.replayed());
    } catch (CloudledgerException e) {
      String kind = e instanceof PermanentException ? "permanent" : "retryable";
      LOG.error(
          "{} failure messageId={} reason={}: {}", kind, event.getId(), e.reason(), e.getMessage());
      throw e;
    } finally {
      MDC.remove("messageId");
    }
  }
}
