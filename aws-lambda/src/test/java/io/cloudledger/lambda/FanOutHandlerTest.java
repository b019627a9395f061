package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The schedule's handler on EventBridge's real scheduled-event JSON. */
@ExtendWith(DynamoDbLocal.class)
class FanOutHandlerTest {
  private static LocalAws aws;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(3, 8);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private FanOutHandler handler(String queueName) {
    String queueUrl = aws.sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      return new FanOutHandler(
          aws.components(aws.environment(LocalAws.freshTables(client), queueUrl)));
    }
  }

  @ParameterizedTest
  @Event(value = "events/scheduled_event.json", type = ScheduledEvent.class)
  void scheduledEvent_sendsOneRequestPerAccountForItsTick(ScheduledEvent event) {
    FanOutHandler handler = handler("fanout-once");

    Map<String, Object> answer = handler.handleRequest(event, null);

    String requestId = "schedule-inventory-2026-11-23T17:00:00Z";
    assertThat(answer).containsEntry("requestId", requestId).containsEntry("accounts", 3);
    String queueUrl = aws.sqs.getQueueUrl(r -> r.queueName("fanout-once")).queueUrl();
    List<SyncRequest> sent =
        SqsPoller.receiveAll(aws.sqs, queueUrl).stream().map(SyncRequestCodec::fromJson).toList();
    assertThat(sent)
        .containsExactlyInAnyOrderElementsOf(
            aws.accounts().stream()
                .map(
                    a ->
                        SyncRequest.of(
                            requestId,
                            io.cloudledger.core.model.AccountKey.parse("aws#" + a.accountId()),
                            Set.of(SyncKind.INVENTORY),
                            "schedule",
                            Instant.parse("2026-11-23T17:00:00Z")))
                .toList());
  }

  @ParameterizedTest
  @Event(value = "events/scheduled_cost_event.json", type = ScheduledEvent.class)
  void costScheduleEvent_sendsCostRequests_kindsFromItsDetail(ScheduledEvent event) {
    FanOutHandler handler = handler("fanout-cost");

    Map<String, Object> answer = handler.handleRequest(event, null);

    assertThat(answer).containsEntry("requestId", "schedule-cost-2026-11-23T06:00:00Z");
    String queueUrl = aws.sqs.getQueueUrl(r -> r.queueName("fanout-cost")).queueUrl();
    List<SyncRequest> sent =
        SqsPoller.receiveAll(aws.sqs, queueUrl).stream().map(SyncRequestCodec::fromJson).toList();
    assertThat(sent)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.kinds()).containsExactly(SyncKind.COST));
  }

  @ParameterizedTest
  @Event(value = "events/scheduled_event.json", type = ScheduledEvent.class)
  void redeliveredEvent_sendsTheSameMessagesAgain(ScheduledEvent event) {
    FanOutHandler handler = handler("fanout-twice");
    String queueUrl = aws.sqs.getQueueUrl(r -> r.queueName("fanout-twice")).queueUrl();

    handler.handleRequest(event, null);
    List<String> first = SqsPoller.receiveAll(aws.sqs, queueUrl);
    handler.handleRequest(event, null);
    List<String> second = SqsPoller.receiveAll(aws.sqs, queueUrl);

    assertThat(second).hasSize(3).containsExactlyInAnyOrderElementsOf(first);
  }
}
