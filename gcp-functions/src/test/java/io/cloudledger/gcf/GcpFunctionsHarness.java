package io.cloudledger.gcf;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import io.cloudledger.conformance.ConformanceDeployment;
import io.cloudledger.conformance.HttpReply;
import io.cloudledger.conformance.RuntimeHarness;
import io.cloudledger.core.model.Provider;
import io.cloudledger.gcf.PubSubPush.Mode;
import io.cloudledger.gcp.queue.PubSubFake;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Google Cloud Functions as the conformance suite sees it: the fan-out, worker and trigger served
 * by the Functions Framework invoker over HTTP, as deployed (the fan-out and trigger with the sync
 * topic, the worker without); the schedule is Cloud Scheduler's HTTP call with its {@code
 * X-CloudScheduler-ScheduleTime}; the queue is a topic of the Pub/Sub fake whose subscription
 * (dead-letter topic after {@value #MAX_DELIVERY_ATTEMPTS} attempts) is pushed to the worker as
 * Eventarc does, binary and structured CloudEvents by turns.
 */
final class GcpFunctionsHarness implements RuntimeHarness {
  static final int MAX_DELIVERY_ATTEMPTS = 5;
  private static final String PROJECT = "projects/cloudledger-conformance";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final PubSubFake pubsub;
  private final String topic;
  private final String deadLetterTopic;
  private final List<Components> components = new ArrayList<>();
  private final List<FunctionServer> servers = new ArrayList<>();
  private final FunctionServer fanOut;
  private final FunctionServer trigger;
  private final PubSubPush push;

  GcpFunctionsHarness(ConformanceDeployment deployment, PubSubFake pubsub) {
    this.pubsub = pubsub;
    this.topic = PROJECT + "/topics/" + deployment.name();
    this.deadLetterTopic = topic + "-dead-letter";
    String subscription = PROJECT + "/subscriptions/" + deployment.name() + "-worker";
    pubsub.createTopic(topic);
    pubsub.createSubscription(
        subscription,
        topic,
        Duration.ofSeconds(60),
        Optional.of(new PubSubFake.DeadLetter(deadLetterTopic, MAX_DELIVERY_ATTEMPTS)));
    Map<String, String> env = new HashMap<>(deployment.environment().variables());
    env.put(GcfSettings.CONFIG, deployment.environment().configYaml());
    env.put(GcfSettings.TABLE_PREFIX, deployment.tablePrefix());
    env.put(GcfSettings.DYNAMODB_ENDPOINT, deployment.environment().dynamoDbEndpoint().toString());
    env.put(GcfSettings.WORKER_TIMEOUT_SECONDS, "60");
    Map<String, String> workerEnv = new HashMap<>(env);
    env.put(GcfSettings.TOPIC, topic);
    env.put(GcfSettings.PUBSUB_ENDPOINT, pubsub.endpoint());
    this.fanOut = serve(Wired.Schedule.class, "http", env);
    this.trigger = serve(Wired.Trigger.class, "http", env);
    FunctionServer worker = serve(Wired.Worker.class, "cloudevent", workerEnv);
    this.push = new PubSubPush(pubsub, subscription, topic, worker.uri("/"));
  }

  /** One function in the invoker, on its wiring as {@code Components.fromEnvironment} builds it. */
  private FunctionServer serve(Class<?> target, String signature, Map<String, String> env) {
    GcfSettings settings = GcfSettings.from(env);
    DynamoDbClient dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(settings.dynamoDbEndpointUri().orElseThrow())
            .region(Region.of(settings.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    Components wired =
        new Components(settings, env, dynamoDb, Components.dispatcher(settings), Clock.systemUTC());
    components.add(wired);
    synchronized (Wired.class) {
      Wired.components = wired; // read by the target's constructor, which the invoker runs now
      FunctionServer server = FunctionServer.start(target, signature);
      servers.add(server);
      return server;
    }
  }

  @Override
  public Set<Provider> providers() {
    return Set.of(Provider.GCP); // each provider has its own worker (ARCHITECTURE.md)
  }

  @Override
  public void scheduleTick(Instant tick) {
    HttpReply reply =
        send(
            HttpRequest.newBuilder(fanOut.uri("/"))
                .header(FanOutFunction.SCHEDULE_TIME, tick.toString())
                .header("X-CloudScheduler-JobName", "cloudledger-inventory")
                .POST(HttpRequest.BodyPublishers.noBody()));
    if (reply.status() != 200) {
      throw new AssertionError("the fan-out answered " + reply.status() + ": " + reply.body());
    }
  }

  @Override
  public int drainQueue() {
    return push.drain(Mode.ALTERNATING).delivered();
  }

  @Override
  public void enqueueRaw(String body) {
    pubsub.publish(
        topic, PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(body)).build());
  }

  @Override
  public List<String> deadLettered() {
    return pubsub.published(deadLetterTopic).stream().map(m -> m.getData().toStringUtf8()).toList();
  }

  @Override
  public HttpReply http(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(trigger.uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpReply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new HttpReply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the function did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (FunctionServer server : servers) {
        server.close();
      }
      for (Components wired : components) {
        wired.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("closing the GCP harness failed", e);
    }
  }
}
