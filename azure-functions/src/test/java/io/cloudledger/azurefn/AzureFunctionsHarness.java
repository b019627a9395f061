package io.cloudledger.azurefn;

import com.azure.storage.queue.QueueClient;
import io.cloudledger.azure.queue.Azurite;
import io.cloudledger.conformance.ConformanceDeployment;
import io.cloudledger.conformance.HttpReply;
import io.cloudledger.conformance.RuntimeHarness;
import io.cloudledger.core.model.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Functions as the conformance suite sees it: the function classes over the wiring their
 * no-arg constructors build ({@code Components.fromEnvironment}) from app settings pointing at
 * Azurite and the suite's DynamoDB endpoint; the timer's {@code TimerInfo} JSON, the library's HTTP
 * request type routed as the host routes {@code /api/sync} and {@code /api/sync/{requestId}}, and a
 * Storage queue in Azurite drained by {@link QueueHost} with the app's own host.json (base64,
 * {@code maxDequeueCount}, {@code <queue>-poison}).
 */
final class AzureFunctionsHarness implements RuntimeHarness {
  private static final Pattern STATUS_ROUTE = Pattern.compile("/api/sync/([^/]+)");

  private final Components components;
  private final FanOutFunction fanOut;
  private final SyncTriggerFunction trigger;
  private final QueueHost.Function worker;
  private final QueueClient queue;
  private final QueueClient poison;
  private final QueueHost host;
  private final List<String> deadLettered = new ArrayList<>();

  AzureFunctionsHarness(ConformanceDeployment deployment) {
    Map<String, String> env = new HashMap<>(deployment.environment().variables());
    env.put(FunctionSettings.CONFIG, deployment.environment().configYaml());
    env.put(FunctionSettings.TABLE_PREFIX, deployment.tablePrefix());
    env.put(
        FunctionSettings.DYNAMODB_ENDPOINT, deployment.environment().dynamoDbEndpoint().toString());
    env.put(FunctionSettings.STORAGE, Azurite.connectionString());
    env.put(FunctionSettings.QUEUE_NAME, deployment.name());
    env.put(FunctionSettings.WORKER_TIMEOUT_SECONDS, "60");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    this.queue = Azurite.createQueue(deployment.name());
    this.poison = Azurite.createQueue(deployment.name() + "-poison");
    this.components = Components.fromEnvironment(env);
    this.fanOut = new FanOutFunction(components);
    this.trigger = new SyncTriggerFunction(components);
    this.worker = SyncFunctionsTest.worker(components);
    // The app's host.json, with a short retry delay instead of its 30 s.
    this.host =
        new QueueHost(queue, poison, HostJson.read().withVisibilityTimeout(Duration.ofMillis(200)));
  }

  @Override
  public Set<Provider> providers() {
    return Set.of(Provider.AZURE); // the Azure app's worker syncs Azure subscriptions
  }

  @Override
  public void scheduleTick(Instant tick) {
    String timerInfo =
        "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":\""
            + tick.minusSeconds(600)
            + "\",\"Next\":\""
            + tick
            + "\",\"LastUpdated\":\""
            + tick.minusSeconds(600)
            + "\"},\"IsPastDue\":false}";
    fanOut.run(timerInfo, TestExecutionContext.of("fanOut"));
  }

  @Override
  public int drainQueue() {
    int before = host.attempts().size();
    try {
      if (!host.drain(worker, Duration.ofMinutes(2))) {
        throw new IllegalStateException("queue " + queue.getQueueName() + " did not drain");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return host.attempts().size() - before;
  }

  @Override
  public void enqueueRaw(String body) {
    queue.sendMessage(body); // base64, as the queue client is configured
  }

  @Override
  public List<String> deadLettered() {
    while (true) {
      var batch = new ArrayList<com.azure.storage.queue.models.QueueMessageItem>();
      poison.receiveMessages(32).forEach(batch::add);
      if (batch.isEmpty()) {
        return List.copyOf(deadLettered);
      }
      for (var message : batch) {
        deadLettered.add(message.getBody().toString());
        poison.deleteMessage(message.getMessageId(), message.getPopReceipt());
      }
    }
  }

  @Override
  public HttpReply http(String method, String path, String body) {
    String route = "/api" + path;
    Matcher status = STATUS_ROUTE.matcher(route);
    TestHttpRequest.Response response;
    if (method.equals("POST") && route.equals("/api/sync")) {
      response =
          (TestHttpRequest.Response)
              trigger.request(
                  TestHttpRequest.post(route, body), TestExecutionContext.of("syncRequest"));
    } else if (method.equals("GET") && status.matches()) {
      response =
          (TestHttpRequest.Response)
              trigger.status(
                  TestHttpRequest.get(route),
                  status.group(1),
                  TestExecutionContext.of("syncStatus"));
    } else {
      return new HttpReply(404, ""); // the host routes nothing else to the app
    }
    return new HttpReply(response.getStatusCode(), response.bodyText());
  }

  @Override
  public void close() {
    components.close();
    queue.deleteIfExists();
    poison.deleteIfExists();
  }
}
