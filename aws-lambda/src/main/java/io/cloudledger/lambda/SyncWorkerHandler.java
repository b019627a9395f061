package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;

/**
 * The queue's worker ({@code SQSEvent} → {@code SQSBatchResponse}): each message is processed on
 * its own and only failed ones are reported, so one poison message never fails its batch; a message
 * that keeps failing reaches the DLQ through the queue's redrive policy. Requires
 * "ReportBatchItemFailures" on the event source mapping.
 */
public final class SyncWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final BatchProcessor processor;
  private final SnapStartPriming priming;

  public SyncWorkerHandler() {
    this(Components.fromEnvironment(System.getenv()));
  }

  SyncWorkerHandler(Components components) {
    this.processor = new BatchProcessor(components.worker());
    this.priming = SnapStartPriming.register(components::prime);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    // Without a context (a local call) there is no time limit.
    return processor.process(
        event,
        context == null ? Instant.MAX : WorkerDeadline.of(context.getRemainingTimeInMillis()));
  }
}
