package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.cloudledger.aws.dynamodb.CallCounter;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.sqs.ElasticMq;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The deployed flow in one JVM: the schedule's handler fans 200 sandbox accounts out through SQS
 * (ElasticMQ), the worker handler gets them as Lambda's poller would hand them over (batches of at
 * most 10, failed items left for redelivery and the DLQ), and the inventory lands in DynamoDB
 * Local.
 */
@ExtendWith(DynamoDbLocal.class)
class FanOutEndToEndTest {
  private static final int ACCOUNTS = 200;
  private static final int RESOURCES = 8;
  private static LocalAws aws;
  private static ScheduledEvent schedule;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(ACCOUNTS, RESOURCES);
    schedule = EventLoader.loadScheduledEvent("events/scheduled_event.json");
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  /** One deployment: fresh tables and a queue with a DLQ. */
  private record Deployment(
      String prefix,
      ElasticMq.Queues queues,
      CallCounter dynamoDbCalls,
      FanOutHandler fanOut,
      SyncWorkerHandler worker) {}

  private Deployment deploy(String name, int maxReceives) {
    String prefix;
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      prefix = LocalAws.freshTables(client);
    }
    ElasticMq.Queues queues = ElasticMq.createWithDlq(aws.sqs, name, maxReceives, 1);
    Map<String, String> env = aws.environment(prefix, queues.url());
    CallCounter calls = new CallCounter();
    Map<String, String> workerEnv = new java.util.HashMap<>(env);
    workerEnv.remove(LambdaSettings.QUEUE_URL);
    return new Deployment(
        prefix,
        queues,
        calls,
        new FanOutHandler(aws.components(env)),
        new SyncWorkerHandler(aws.components(workerEnv, calls)));
  }

  private static Map<AccountKey, Set<String>> expectedEstate() {
    Map<AccountKey, Set<String>> expected = new java.util.TreeMap<>();
    for (AwsAccount account : aws.accounts()) {
      Set<String> ids = new HashSet<>();
      account.instances().forEach(i -> ids.add(ResourceType.VM.key() + ":" + i.instanceId()));
      account.vpcs().forEach(v -> ids.add(ResourceType.NETWORK.key() + ":" + v.vpcId()));
      account.subnets().forEach(s -> ids.add(ResourceType.SUBNET.key() + ":" + s.subnetId()));
      account.buckets().forEach(b -> ids.add(ResourceType.STORAGE.key() + ":" + b.name()));
      expected.put(AccountKey.parse("aws#" + account.accountId()), ids);
    }
    return expected;
  }

  private static Map<AccountKey, Set<String>> storedInventory(String prefix) {
    Map<AccountKey, Set<String>> stored = new java.util.TreeMap<>();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      DynamoDbInventoryStore store = DynamoDbInventoryStore.create(client, prefix);
      for (AccountKey account : expectedEstate().keySet()) {
        Set<String> ids =
            store
                .query(InventoryQuery.account(account))
                .map((Resource r) -> r.type().key() + ":" + r.resourceId())
                .collect(Collectors.toSet());
        stored.put(account, ids);
      }
    }
    return stored;
  }

  private static long runsOf(String prefix, String requestId) {
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      return DynamoDbSyncRunStore.create(client, prefix).findByRequestId(requestId).stream()
          .filter(r -> r.status() == SyncStatus.SUCCEEDED)
          .count();
    }
  }

  @Test
  void scheduledFanOut_of200Accounts_syncsTheWholeEstate_andTripleDeliveryWritesNoMore() {
    Deployment once = deploy("e2e-once", 5);
    long started = System.nanoTime();
    once.fanOut().handleRequest(schedule, null);
    SqsPoller poller = new SqsPoller(aws.sqs, once.queues().url());
    poller.drain(event -> once.worker().handleRequest(event, null));
    double onceSeconds = (System.nanoTime() - started) / 1e9;

    assertThat(poller.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
    assertThat(poller.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(ACCOUNTS);
    assertThat(poller.failedMessageIds).isEmpty();
    assertThat(storedInventory(once.prefix())).isEqualTo(expectedEstate());
    String requestId = "schedule-inventory-2026-11-23T17:00:00Z";
    assertThat(runsOf(once.prefix(), requestId)).isEqualTo(ACCOUNTS);
    long writesOnce = once.dynamoDbCalls().resourceItemsInBatches();
    long batchCallsOnce = once.dynamoDbCalls().calls("BatchWriteItem");
    assertThat(writesOnce).isEqualTo(ACCOUNTS * (long) RESOURCES);

    Deployment thrice = deploy("e2e-thrice", 5);
    started = System.nanoTime();
    for (int delivery = 0; delivery < 3; delivery++) {
      thrice.fanOut().handleRequest(schedule, null);
    }
    SqsPoller triple = new SqsPoller(aws.sqs, thrice.queues().url());
    triple.drain(event -> thrice.worker().handleRequest(event, null));
    double thriceSeconds = (System.nanoTime() - started) / 1e9;

    assertThat(triple.batchSizes.stream().mapToInt(Integer::intValue).sum())
        .isGreaterThanOrEqualTo(3 * ACCOUNTS);
    assertThat(storedInventory(thrice.prefix())).isEqualTo(expectedEstate());
    assertThat(thrice.dynamoDbCalls().resourceItemsInBatches()).isEqualTo(writesOnce);
    assertThat(thrice.dynamoDbCalls().calls("BatchWriteItem")).isEqualTo(batchCallsOnce);
    assertThat(SqsPoller.receiveAll(aws.sqs, thrice.queues().dlqUrl())).isEmpty();
    System.out.printf(
        "e2e: %d accounts once in %.1f s (%d BatchWriteItem, %d resource items); three deliveries"
            + " in %.1f s (%d BatchWriteItem, %d resource items, %d deliveries failed while the"
            + " first copy ran)%n",
        ACCOUNTS,
        onceSeconds,
        batchCallsOnce,
        writesOnce,
        thriceSeconds,
        thrice.dynamoDbCalls().calls("BatchWriteItem"),
        thrice.dynamoDbCalls().resourceItemsInBatches(),
        triple.failedMessageIds.size());
  }

  @Test
  void poisonMessage_failsAloneInItsBatch_andEndsInTheDlq() {
    Deployment deployment = deploy("e2e-poison", 2);
    String poison = "{\"schemaVersion\":1,\"requestId\":\"req-poison\",\"accountKey\":";
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      SyncRequest request =
          SyncRequest.of(
              "req-batch",
              AccountKey.parse("aws#" + aws.accountId(i)),
              Set.of(SyncKind.INVENTORY),
              "manual",
              Instant.parse("2026-11-23T17:00:00Z"));
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id("m" + i)
              .messageBody(SyncRequestCodec.toJson(request))
              .build());
    }
    entries.add(SendMessageBatchRequestEntry.builder().id("poison").messageBody(poison).build());
    aws.sqs.sendMessageBatch(r -> r.queueUrl(deployment.queues().url()).entries(entries));

    List<Message> batch =
        aws.sqs
            .receiveMessage(
                r ->
                    r.queueUrl(deployment.queues().url())
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    assertThat(batch).hasSize(10);
    SQSEvent event = SqsPoller.event(batch);
    SQSBatchResponse response = deployment.worker().handleRequest(event, null);

    String poisonId =
        batch.stream().filter(m -> m.body().equals(poison)).findFirst().orElseThrow().messageId();
    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly(poisonId);
    assertThat(runsOf(deployment.prefix(), "req-batch")).isEqualTo(9);
    for (Message message : batch) {
      if (!message.messageId().equals(poisonId)) {
        aws.sqs.deleteMessage(
            r -> r.queueUrl(deployment.queues().url()).receiptHandle(message.receiptHandle()));
      }
    }

    // Redelivered until maxReceiveCount (2), then the redrive policy moves it to the DLQ.
    SqsPoller poller = new SqsPoller(aws.sqs, deployment.queues().url());
    poller.drain(e -> deployment.worker().handleRequest(e, null));

    assertThat(poller.failedMessageIds).containsExactly(poisonId);
    assertThat(SqsPoller.receiveAll(aws.sqs, deployment.queues().dlqUrl())).containsExactly(poison);
    List<SyncRun> runs;
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      runs = DynamoDbSyncRunStore.create(client, deployment.prefix()).findByRequestId("req-poison");
    }
    assertThat(runs).isEmpty();
  }
}
