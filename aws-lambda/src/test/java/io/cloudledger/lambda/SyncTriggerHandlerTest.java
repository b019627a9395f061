package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The HTTP trigger on API Gateway's real HTTP API (payload 2.0) event JSON. */
@ExtendWith(DynamoDbLocal.class)
class SyncTriggerHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws aws;
  private static int queues;
  private String queueUrl;
  private Map<String, String> env;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(3, 8);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @BeforeEach
  void freshQueueAndTables() {
    queueUrl = aws.sqs.createQueue(r -> r.queueName("trigger-" + ++queues)).queueUrl();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      env = aws.environment(LocalAws.freshTables(client), queueUrl);
    }
  }

  private SyncTriggerHandler handler() {
    return new SyncTriggerHandler(aws.components(env));
  }

  private APIGatewayV2HTTPEvent event(String fixture) {
    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + fixture);
    if (event.getBody() != null && !event.getIsBase64Encoded()) {
      event.setBody(event.getBody().replace("ACCOUNT_0", aws.accountId(0)));
    }
    return event;
  }

  private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  @Test
  void post_queuesTheAccountAndAnswers202_thenGetReportsItQueued() throws Exception {
    SyncTriggerHandler handler = handler();

    APIGatewayV2HTTPResponse posted = handler.handleRequest(event("apigw_v2_post_sync.json"), null);

    assertThat(posted.getStatusCode()).isEqualTo(202);
    assertThat(posted.getHeaders()).containsEntry("content-type", "application/json");
    String requestId = json(posted).get("requestId").asText();
    List<SyncRequest> sent =
        SqsPoller.receiveAll(aws.sqs, queueUrl).stream().map(SyncRequestCodec::fromJson).toList();
    assertThat(sent)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.requestId()).isEqualTo(requestId);
              assertThat(r.accountKey().accountId()).isEqualTo(aws.accountId(0));
              assertThat(r.trigger()).isEqualTo("manual");
            });

    APIGatewayV2HTTPEvent get = event("apigw_v2_get_status.json");
    get.setRawPath("/sync/" + requestId);
    APIGatewayV2HTTPResponse status = handler.handleRequest(get, null);

    assertThat(status.getStatusCode()).isEqualTo(200);
    JsonNode account = json(status).get("accounts").get(0);
    assertThat(account.get("accountKey").asText()).isEqualTo("aws#" + aws.accountId(0));
    assertThat(account.get("status").asText()).isEqualTo("QUEUED");
  }

  @Test
  void post_base64BodyOnANamedStage_isDecodedAndRouted() throws Exception {
    APIGatewayV2HTTPEvent event = event("apigw_v2_post_sync_base64_stage.json");
    event.setBody(
        java.util.Base64.getEncoder()
            .encodeToString(("{\"accounts\": [\"aws#" + aws.accountId(1) + "\"]}").getBytes()));

    APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(SqsPoller.receiveAll(aws.sqs, queueUrl))
        .singleElement()
        .asString()
        .contains(aws.accountId(1));
  }

  @Test
  void unauthenticatedCall_isRefusedWhenIamIsRequired() throws Exception {
    APIGatewayV2HTTPResponse response =
        handler().handleRequest(event("apigw_v2_post_sync_unauthenticated.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).isEqualTo("forbidden");
    assertThat(SqsPoller.receiveAll(aws.sqs, queueUrl)).isEmpty();
  }

  @Test
  void unauthenticatedCall_isServedWhenIamIsNotRequired() {
    env.put(LambdaSettings.REQUIRE_IAM_AUTH, "false");

    APIGatewayV2HTTPResponse response =
        handler().handleRequest(event("apigw_v2_post_sync_unauthenticated.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(202);
  }

  @Test
  void badBodyUnknownAccountUnknownIdAndWrongMethod_answer400_404_405() throws Exception {
    SyncTriggerHandler handler = handler();
    APIGatewayV2HTTPEvent bad = event("apigw_v2_post_sync.json");
    bad.setBody("{\"accounts\": 42}");
    APIGatewayV2HTTPEvent unknown = event("apigw_v2_post_sync.json");
    unknown.setBody("{\"accounts\": [\"aws#999999999999\"]}");
    APIGatewayV2HTTPEvent missing = event("apigw_v2_get_status.json");
    missing.setRawPath("/sync/no-such-request");
    APIGatewayV2HTTPEvent delete = event("apigw_v2_get_status.json");
    delete.getRequestContext().getHttp().setMethod("DELETE");

    assertThat(handler.handleRequest(bad, null).getStatusCode()).isEqualTo(400);
    APIGatewayV2HTTPResponse unknownAnswer = handler.handleRequest(unknown, null);
    assertThat(unknownAnswer.getStatusCode()).isEqualTo(400);
    assertThat(json(unknownAnswer).get("message").asText()).contains("aws#999999999999");
    assertThat(handler.handleRequest(missing, null).getStatusCode()).isEqualTo(404);
    assertThat(handler.handleRequest(delete, null).getStatusCode()).isEqualTo(405);
    assertThat(SqsPoller.receiveAll(aws.sqs, queueUrl)).isEmpty();
  }
}
