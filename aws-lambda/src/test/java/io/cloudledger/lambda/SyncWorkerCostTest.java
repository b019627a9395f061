package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Kind {@code cost} through the real worker handler on SQS event JSON: the payer's message runs the
 * one Cost Explorer query for every linked account into the DynamoDB cost table; the member's
 * message is covered by the payer and makes no call.
 */
@ExtendWith(DynamoDbLocal.class)
class SyncWorkerCostTest {
  private static LocalAws aws;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(3, 8);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private SQSEvent withSandboxAccounts(SQSEvent event) {
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      message.setBody(
          message
              .getBody()
              .replace("ACCOUNT_0", aws.accountId(0))
              .replace("ACCOUNT_1", aws.accountId(1)));
    }
    return event;
  }

  static List<String> cents(List<CostRow> rows) {
    return rows.stream()
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

  @ParameterizedTest
  @Event(value = "events/sqs_cost_event.json", type = SQSEvent.class)
  void costMessages_payerQueriesOnceForAllAccounts_memberIsCoveredWithoutACall(SQSEvent fixture) {
    String prefix;
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      prefix = LocalAws.freshTables(client);
    }
    SyncWorkerHandler handler = new SyncWorkerHandler(aws.components(aws.environment(prefix, "")));
    aws.sandbox.counters().reset();

    SQSBatchResponse response = handler.handleRequest(withSandboxAccounts(fixture), null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    CostWindow window = CostWindow.lastDays(Clock.systemUTC(), CostSync.DEFAULT_DAYS);
    List<String> expected =
        aws.sandbox.estate().costs().costs(window.start(), window.end()).stream()
            .filter(c -> !c.date().isAfter(java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
            .map(
                c -> "aws#" + c.accountId() + "|" + c.date() + "#" + c.service() + "|" + c.amount())
            .sorted()
            .toList();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      DynamoDbCostStore store = DynamoDbCostStore.create(client, prefix);
      assertThat(cents(store.rows(window))).containsExactlyElementsOf(expected);
    }
    long pages = (expected.size() + 99) / 100;
    // Only the payer's message queried; the member's was covered by it.
    assertThat(aws.sandbox.counters().calls("GetCostAndUsage")).isEqualTo(pages);
    assertThat(aws.sandbox.counters().calls("GetCostAndUsage", aws.accountId(1))).isZero();

    handler.handleRequest(withSandboxAccounts(fixture), null);
    assertThat(aws.sandbox.counters().calls("GetCostAndUsage"))
        .as("a redelivered batch is replayed from the idempotency store: no new query")
        .isEqualTo(pages);
  }
}
