package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.cloudledger.aws.dynamodb.CallCounter;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The worker on SQS's real event JSON: two good messages, two malformed, one unknown account. */
@ExtendWith(DynamoDbLocal.class)
class SyncWorkerHandlerTest {
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

  @ParameterizedTest
  @Event(value = "events/sqs_event.json", type = SQSEvent.class)
  void batch_reportsOnlyTheBadMessagesAndSyncsTheGoodOnes(SQSEvent fixture) {
    CallCounter calls = new CallCounter();
    String prefix;
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      prefix = LocalAws.freshTables(client);
    }
    SyncWorkerHandler handler =
        new SyncWorkerHandler(aws.components(aws.environment(prefix, ""), calls));

    SQSBatchResponse response = handler.handleRequest(withSandboxAccounts(fixture), null);

    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactlyInAnyOrder(
            "8b1b2c4e-6f0a-4b1e-9f64-2b9d3e1c7a10", // truncated JSON
            "c2f7a9d0-1e3b-4c5d-8f6a-7b8c9d0e1f2a", // schemaVersion 7
            "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70"); // an account no session reads
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      DynamoDbInventoryStore store = DynamoDbInventoryStore.create(client, prefix);
      for (int i = 0; i < 2; i++) {
        AccountKey account = AccountKey.parse("aws#" + aws.accountId(i));
        assertThat(store.query(InventoryQuery.account(account)).count())
            .isEqualTo(aws.accounts().get(i).resourceCount());
      }
    }
    long written = calls.resourceItemsInBatches();
    assertThat(written)
        .isEqualTo(aws.accounts().get(0).resourceCount() + aws.accounts().get(1).resourceCount());

    handler.handleRequest(withSandboxAccounts(fixture), null);

    assertThat(calls.resourceItemsInBatches())
        .as("a redelivered batch writes nothing")
        .isEqualTo(written);
  }
}
