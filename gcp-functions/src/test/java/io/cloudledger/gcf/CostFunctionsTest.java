package io.cloudledger.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.gcf.PubSubPush.Deliveries;
import io.cloudledger.gcf.PubSubPush.Mode;
import io.cloudledger.sandbox.gcp.GcpRoute;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Kind {@code cost} through the entry points served by the Functions Framework invoker: the Cloud
 * Scheduler fan-out with {@code ?kinds=cost} publishes one cost request per project to the
 * in-process Pub/Sub, and the worker runs the one BigQuery billing-export query the three projects
 * share, into the DynamoDB cost table.
 */
@ExtendWith(DynamoDbLocal.class)
class CostFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TICK = "2026-11-24T06:00:00Z";

  private static LocalGcp gcp;
  private static DynamoDbClient dynamoDb;
  private static String prefix;
  private static final List<FunctionServer> SERVERS = new ArrayList<>();
  private static FunctionServer schedule;
  private static PubSubPush push;

  @BeforeAll
  static void start() {
    gcp = LocalGcp.start(3, 4);
    dynamoDb = DynamoDbLocal.client();
    prefix = LocalGcp.freshTables(dynamoDb);
    Wired.components = gcp.components(gcp.environment(prefix));
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

  @Test
  void costTick_storesTheExportsCostToTheCent_withOneQuery_andARedeliveryQueriesNothing()
      throws Exception {
    gcp.sandbox.counters().reset();

    JsonNode accepted = tick("?kinds=cost");

    String requestId = FanOut.scheduledRequestId(Instant.parse(TICK), Set.of(SyncKind.COST));
    assertThat(accepted.get("requestId").asText()).isEqualTo(requestId);
    assertThat(accepted.get("accounts").asInt()).isEqualTo(3);
    assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(3, 3, 0));
    CostWindow window = CostWindow.lastDays(Clock.systemUTC(), CostSync.DEFAULT_DAYS);
    List<String> generated = generated(window);
    assertThat(generated).isNotEmpty();
    assertThat(stored(window)).containsExactlyElementsOf(generated);
    assertThat(gcp.sandbox.counters().calls(GcpRoute.BIGQUERY_QUERY))
        .as("the three projects share one billing export: one query")
        .isEqualTo(1);
    Map<String, String> statuses = statuses(requestId);
    String owner = gcp.projects().getFirst().projectId();
    assertThat(statuses).hasSize(3);
    statuses.forEach(
        (account, status) ->
            assertThat(status)
                .as(account)
                .isEqualTo(account.equals("gcp#" + owner) ? "SUCCEEDED" : CostKindSync.COVERED));

    // Cloud Scheduler retries the same tick; Pub/Sub delivers its messages again.
    long calls =
        gcp.sandbox.counters().calls(GcpRoute.BIGQUERY_QUERY)
            + gcp.sandbox.counters().calls(GcpRoute.BIGQUERY_LIST_TABLE_DATA);
    tick("?kinds=cost");
    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(3, 3, 0));

    assertThat(
            gcp.sandbox.counters().calls(GcpRoute.BIGQUERY_QUERY)
                + gcp.sandbox.counters().calls(GcpRoute.BIGQUERY_LIST_TABLE_DATA))
        .as("a redelivered cost request is replayed from the idempotency store")
        .isEqualTo(calls);
    assertThat(stored(window)).containsExactlyElementsOf(generated);
  }

  @Test
  void schedule_withAnUnknownKind_is400_andSendsNothing() throws Exception {
    int published = gcp.pubsub.published(LocalGcp.TOPIC).size();

    HttpResponse<String> response = post("?kinds=cost,billing");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("message").asText())
        .contains("query parameter kinds", "billing");
    assertThat(gcp.pubsub.published(LocalGcp.TOPIC)).hasSize(published);
  }

  private static JsonNode tick(String query) throws IOException, InterruptedException {
    HttpResponse<String> response = post(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> post(String query) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(schedule.uri("/" + query))
            .header(FanOutFunction.SCHEDULE_TIME, TICK)
            .header("X-CloudScheduler-JobName", "cloudledger-cost")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Each account's status in the request's status answer (the HTTP trigger's GET). */
  private static Map<String, String> statuses(String requestId) throws IOException {
    ApiResponse answer = Wired.components.api().handle("GET", "/sync/" + requestId, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Map<String, String> statuses = new TreeMap<>();
    JSON.readTree(answer.body())
        .get("accounts")
        .forEach(a -> statuses.put(a.get("accountKey").asText(), a.get("status").asText()));
    return statuses;
  }

  private static List<String> generated(CostWindow window) {
    return gcp.sandbox.estate().gcpCosts().costs(window.start(), window.end()).stream()
        .map(
            c ->
                "gcp#"
                    + c.accountId()
                    + "|"
                    + c.date()
                    + "#"
                    + c.service()
                    + "|"
                    + c.amount().toPlainString())
        .sorted()
        .toList();
  }

  private static List<String> stored(CostWindow window) {
    return DynamoDbCostStore.create(dynamoDb, prefix).rows(window).stream()
        .map(
            r ->
                r.accountKey().value()
                    + "|"
                    + r.rowKey()
                    + "|"
                    + r.amount().setScale(2).toPlainString())
        .sorted()
        .toList();
  }
}
