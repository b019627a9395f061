package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.azure.queue.Azurite;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP trigger's two functions with the library's request and response types. */
@ExtendWith({DynamoDbLocal.class, Azurite.class})
class SyncTriggerFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAzure local;

  @BeforeAll
  static void start() {
    local = LocalAzure.start(2, 6);
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void post_thenWorkerThenGet_answers202ThenEveryAccountSucceeded() throws Exception {
    Map<String, String> env = local.freshDeployment();
    Components components = local.components(env);
    SyncTriggerFunction trigger = new SyncTriggerFunction(components);

    TestHttpRequest.Response accepted = post(trigger, TestHttpRequest.post("/api/sync", ""));
    JsonNode body = JSON.readTree(accepted.bodyText());
    String requestId = body.get("requestId").asText();
    TestHttpRequest.Response queued = status(trigger, requestId);
    QueueHost host =
        new QueueHost(
            LocalAzure.queue(env),
            LocalAzure.poisonQueue(env),
            HostJson.read().withVisibilityTimeout(Duration.ofMillis(100)));
    assertThat(host.drain(SyncFunctionsTest.worker(components), Duration.ofSeconds(60))).isTrue();
    TestHttpRequest.Response done = status(trigger, requestId);

    assertThat(accepted.getStatusCode()).isEqualTo(202);
    assertThat(accepted.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(body.get("accounts").asInt()).isEqualTo(2);
    assertThat(queued.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(queued.bodyText()).get("accounts"))
        .allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("QUEUED"));
    assertThat(done.getStatusCode()).isEqualTo(200);
    JsonNode accounts = JSON.readTree(done.bodyText()).get("accounts");
    assertThat(accounts).hasSize(2);
    assertThat(accounts)
        .allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("SUCCEEDED"));
  }

  @Test
  void post_withABadBody_answers400JsonAndSendsNothing() throws Exception {
    Map<String, String> env = local.freshDeployment();
    SyncTriggerFunction trigger = new SyncTriggerFunction(local.components(env));

    TestHttpRequest.Response notJson = post(trigger, TestHttpRequest.post("/api/sync", "{nope"));
    TestHttpRequest.Response unknownField =
        post(trigger, TestHttpRequest.post("/api/sync", "{\"account\": []}"));
    TestHttpRequest.Response unknownAccount =
        post(
            trigger,
            TestHttpRequest.post(
                "/api/sync", "{\"accounts\": [\"azure#99999999-9999-9999-9999-999999999999\"]}"));

    assertThat(notJson.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.bodyText()).get("error").asText()).isEqualTo("bad-request");
    assertThat(unknownField.getStatusCode()).isEqualTo(400);
    assertThat(unknownAccount.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknownAccount.bodyText()).get("error").asText())
        .isEqualTo("unknown-account");
    assertThat(LocalAzure.queue(env).getProperties().getApproximateMessagesCount()).isZero();
  }

  @Test
  void status_ofAnUnknownRequest_answers404Json() throws Exception {
    SyncTriggerFunction trigger =
        new SyncTriggerFunction(local.components(local.freshDeployment()));

    TestHttpRequest.Response response = status(trigger, "no-such-request");

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.bodyText()).get("error").asText())
        .isEqualTo("unknown-request");
  }

  @Test
  void post_whenEntraAuthIsRequired_refusesCallsAppServiceDidNotSignIn() throws Exception {
    Map<String, String> env = new HashMap<>(local.freshDeployment());
    env.put(FunctionSettings.REQUIRE_ENTRA_AUTH, "true");
    SyncTriggerFunction trigger = new SyncTriggerFunction(local.components(env));

    TestHttpRequest.Response anonymous = post(trigger, TestHttpRequest.post("/api/sync", ""));
    TestHttpRequest.Response signedIn =
        post(
            trigger,
            TestHttpRequest.post("/api/sync", "")
                .withHeaders(
                    Map.of(
                        "X-MS-CLIENT-PRINCIPAL-ID", "4c7e2d1a-0000-0000-0000-000000000001",
                        "X-MS-CLIENT-PRINCIPAL-IDP", "aad")));

    assertThat(anonymous.getStatusCode()).isEqualTo(403);
    assertThat(JSON.readTree(anonymous.bodyText()).get("error").asText()).isEqualTo("forbidden");
    assertThat(signedIn.getStatusCode()).isEqualTo(202);
  }

  private static TestHttpRequest.Response post(
      SyncTriggerFunction trigger, TestHttpRequest request) {
    return (TestHttpRequest.Response)
        trigger.request(request, TestExecutionContext.of("syncRequest"));
  }

  private static TestHttpRequest.Response status(SyncTriggerFunction trigger, String requestId) {
    return (TestHttpRequest.Response)
        trigger.status(
            TestHttpRequest.get("/api/sync/" + requestId),
            requestId,
            TestExecutionContext.of("syncStatus"));
  }
}
