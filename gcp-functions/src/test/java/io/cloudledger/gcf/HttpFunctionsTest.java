package io.cloudledger.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.dynamodb.CallCounter;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.gcf.PubSubPush.Deliveries;
import io.cloudledger.gcf.PubSubPush.Mode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The HTTP trigger and the Cloud Scheduler fan-out served by the Functions Framework invoker, with
 * the worker behind the in-process Pub/Sub, against the sandbox's GCP projects and DynamoDB Local.
 */
@ExtendWith(DynamoDbLocal.class)
class HttpFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CallCounter WRITES = new CallCounter();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalGcp gcp;
  private static DynamoDbClient dynamoDb;
  private static final List<FunctionServer> SERVERS = new ArrayList<>();
  private static FunctionServer trigger;
  private static FunctionServer schedule;
  private static PubSubPush push;

  @BeforeAll
  static void start() {
    gcp = LocalGcp.start(3, 10);
    dynamoDb = DynamoDbLocal.client();
    Wired.components = gcp.components(gcp.environment(LocalGcp.freshTables(dynamoDb)), WRITES);
    trigger = serve(Wired.Trigger.class, "http");
    schedule = serve(Wired.Schedule.class, "http");
    FunctionServer worker = serve(Wired.Worker.class, "cloudevent");
    push = new PubSubPush(gcp.pubsub, LocalGcp.SUBSCRIPTION, LocalGcp.TOPIC, worker.uri("/"));
  }

  private static FunctionServer serve(Class<?> target, String signature) {
    FunctionServer server = FunctionServer.start(target, signature);
    SERVERS.add(server);
    return server;
  }

  @AfterAll
  static void stop() throws Exception {
    for (FunctionServer server : SERVERS) {
      server.close();
    }
    gcp.close();
    dynamoDb.close();
  }

  @BeforeEach
  void nothingLeftOver() {
    assertThat(gcp.pubsub.unacknowledged(LocalGcp.SUBSCRIPTION)).isZero();
  }

  @Test
  void schedule_fansOutEveryProject_andARetriedTickWritesNothingMore() throws Exception {
    int publishedBefore = gcp.pubsub.published(LocalGcp.TOPIC).size();
    Answer first = tick("2026-11-23T17:00:00Z");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("requestId").asText())
        .isEqualTo("schedule-inventory-2026-11-23T17:00:00Z");
    assertThat(first.json().get("accounts").asInt()).isEqualTo(3);
    var published = gcp.pubsub.published(LocalGcp.TOPIC);
    assertThat(published.subList(publishedBefore, published.size()))
        .extracting(m -> SyncRequestCodec.fromJson(m.getData().toStringUtf8()).accountKey().value())
        .containsExactlyInAnyOrderElementsOf(
            gcp.projects().stream().map(p -> "gcp#" + p.projectId()).toList());
    assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(3, 3, 0));

    WRITES.reset();
    Answer retried = tick("2026-11-23T17:00:00.000Z");
    assertThat(retried.json().get("requestId")).isEqualTo(first.json().get("requestId"));
    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(3, 3, 0));
    assertThat(WRITES.calls("BatchWriteItem")).isZero();
  }

  @Test
  void schedule_withABadScheduleTime_is400() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(schedule.uri("/"))
                .header(FanOutFunction.SCHEDULE_TIME, "yesterday")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("bad-request");
  }

  @Test
  void trigger_postThenStatus_isQueuedUntilTheWorkerCompletes() throws Exception {
    Answer accepted = call("POST", "/sync", "{\"kinds\": [\"inventory\"]}");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.contentType()).startsWith("application/json");
    String requestId = accepted.json().get("requestId").asText();
    assertThat(accepted.json().get("accounts").asInt()).isEqualTo(3);

    Answer queued = call("GET", "/sync/" + requestId, null);
    assertThat(queued.status()).isEqualTo(200);
    assertThat(queued.json().get("accounts").findValuesAsText("status")).containsOnly("QUEUED");

    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(3, 3, 0));

    Answer done = call("GET", "/sync/" + requestId, null);
    assertThat(done.json().get("accounts").findValuesAsText("status")).containsOnly("SUCCEEDED");
    assertThat(done.json().get("accounts").findValuesAsText("seen")).doesNotContain("0");
  }

  @Test
  void trigger_badBody_is400JsonAndQueuesNothing() throws Exception {
    int publishedBefore = gcp.pubsub.published(LocalGcp.TOPIC).size();
    Answer answer = call("POST", "/sync", "{\"accounts\": \"gcp#x\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
    assertThat(answer.json().get("message").asText()).contains("'accounts' must be an array");
    assertThat(gcp.pubsub.published(LocalGcp.TOPIC)).hasSize(publishedBefore);
  }

  @Test
  void trigger_unknownProject_is400_unknownRequest404_otherMethod405() throws Exception {
    assertThat(call("POST", "/sync", "{\"accounts\": [\"gcp#not-configured\"]}").status())
        .isEqualTo(400);
    Answer unknown = call("GET", "/sync/no-such-request", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unknown-request");
    assertThat(call("DELETE", "/sync", null).status()).isEqualTo(405);
  }

  private record Answer(int status, String contentType, JsonNode json) {}

  private static Answer tick(String scheduleTime) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(schedule.uri("/"))
                .header(FanOutFunction.SCHEDULE_TIME, scheduleTime)
                .header("X-CloudScheduler-JobName", "cloudledger-inventory")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return answer(response);
  }

  private static Answer call(String method, String path, String body)
      throws IOException, InterruptedException {
    URI uri = trigger.uri(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> response) throws IOException {
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("content-type").orElse(""),
        JSON.readTree(response.body()));
  }
}
