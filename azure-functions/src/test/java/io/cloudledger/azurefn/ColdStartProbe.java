package io.cloudledger.azurefn;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import io.cloudledger.azure.queue.StorageQueues;
import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM on the packaged function app's classpath, with the app settings in its
 * environment, as the Java worker would load it: constructs the HTTP trigger through its no-arg
 * constructor and handles {@code POST /api/sync}, then the queue worker and the first message that
 * call queued. Prints one line with the times from JVM start.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long main = System.currentTimeMillis();
    var response =
        new SyncTriggerFunction()
            .request(TestHttpRequest.post("/api/sync", ""), TestExecutionContext.of("syncRequest"));
    long triggered = System.currentTimeMillis();
    QueueClient queue =
        StorageQueues.client(
            System.getenv(FunctionSettings.STORAGE), System.getenv(FunctionSettings.QUEUE_NAME));
    QueueMessageItem message = queue.receiveMessage();
    long received = System.currentTimeMillis();
    new SyncWorkerFunction()
        .run(
            message.getBody().toString(),
            message.getMessageId(),
            message.getDequeueCount(),
            TestExecutionContext.of("syncWorker"));
    long worked = System.currentTimeMillis();
    System.out.println(
        "COLD-START status="
            + response.getStatusCode()
            + " jvmToMainMs="
            + (main - jvmStart)
            + " firstHttpMs="
            + (triggered - jvmStart)
            + " firstWorkerMessageMs="
            + (worked - received));
    System.exit(0); // SDK threads would keep a finished probe alive
  }
}
