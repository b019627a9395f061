package io.cloudledger.azurefn.archfixture;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import java.util.List;

/** Breaks the translation-layer rule: the function calls a cloud SDK client itself. */
public class AzureFunctionCallingAnSdk {
  @FunctionName("sync-worker")
  public void run(
      @QueueTrigger(name = "message", queueName = "sync", connection = "Storage") String message,
      ExecutionContext context) {
    try (var sqs = software.amazon.awssdk.services.sqs.SqsClient.create()) {
      sqs.listQueues();
    }
    context.getLogger().info(List.of(message).toString());
  }
}
