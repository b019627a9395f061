package io.cloudledger.azurefn;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;

/**
 * The queue's worker (Storage queue trigger, base64 messages): one sync request per message. Any
 * failure throws, so the host makes the message visible again after host.json's {@code
 * visibilityTimeout} and, after {@code maxDequeueCount} attempts, moves it to {@code
 * <queue>-poison}: a retryable error gets its retries, a poison message is isolated.
 */
public final class SyncWorkerFunction {
  private final QueueMessageProcessor processor;

  public SyncWorkerFunction() {
    this(Instances.components());
  }

  SyncWorkerFunction(Components components) {
    this.processor = new QueueMessageProcessor(components.worker());
  }

  @FunctionName("syncWorker")
  public void run(
      @QueueTrigger(
              name = "message",
              queueName = "%" + FunctionSettings.QUEUE_NAME + "%",
              connection = FunctionSettings.STORAGE)
          String message,
      @BindingName("Id") String messageId,
      @BindingName("DequeueCount") long dequeueCount,
      ExecutionContext context) {
    processor.process(message, messageId, dequeueCount);
  }
}
