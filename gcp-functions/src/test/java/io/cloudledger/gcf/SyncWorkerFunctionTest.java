package io.cloudledger.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import io.cloudledger.aws.dynamodb.CallCounter;
import io.cloudledger.aws.dynamodb.DynamoDbIdempotencyStore;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.gcf.PubSubPush.Deliveries;
import io.cloudledger.gcf.PubSubPush.Mode;
import io.cloudledger.gcp.inventory.ExpectedGcpInventory;
import io.cloudledger.gcp.queue.PubSubDispatcher;
import io.cloudledger.sandbox.estate.GcpProject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The worker served by the Functions Framework invoker, fed Pub/Sub CloudEvents (binary and
 * structured mode) from the in-process Pub/Sub, against the sandbox's GCP projects and DynamoDB
 * Local. Failures go through Pub/Sub's own redelivery and dead-lettering.
 */
@ExtendWith(DynamoDbLocal.class)
class SyncWorkerFunctionTest {
  private static LocalGcp gcp;
  private static FunctionServer server;
  private static PubSubPush push;
  private static DynamoDbClient dynamoDb;
  private static String prefix;
  private static PubSubDispatcher dispatcher;
  private static final CallCounter WRITES = new CallCounter();

  @BeforeAll
  static void start() {
    gcp = LocalGcp.start(3, 12);
    dynamoDb = DynamoDbLocal.client();
    prefix = LocalGcp.freshTables(dynamoDb);
    Wired.components = gcp.components(gcp.environment(prefix), WRITES);
    server = FunctionServer.start(Wired.Worker.class, "cloudevent");
    dispatcher = Components.dispatcher(GcfSettings.from(gcp.environment(prefix)));
    push = new PubSubPush(gcp.pubsub, LocalGcp.SUBSCRIPTION, LocalGcp.TOPIC, server.uri("/"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    dispatcher.close();
    gcp.close();
    dynamoDb.close();
  }

  @BeforeEach
  void nothingLeftOver() {
    assertThat(gcp.pubsub.unacknowledged(LocalGcp.SUBSCRIPTION)).isZero();
  }

  @Test
  void accept_binaryAndStructuredEvents_storeEachProjectAsTheEstate() {
    GcpProject binary = gcp.projects().get(0);
    GcpProject structured = gcp.projects().get(1);

    publish(request("modes-binary", binary));
    assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(1, 1, 0));
    publish(request("modes-structured", structured));
    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(1, 1, 0));

    for (GcpProject project : List.of(binary, structured)) {
      assertThat(ExpectedGcpInventory.observed(stored(project)))
          .isEqualTo(ExpectedGcpInventory.of(project));
    }
  }

  @Test
  void accept_duplicateDelivery_writesNothingMore() {
    GcpProject project = gcp.projects().get(2);
    SyncRequest request = request("duplicate", project);
    publish(request);
    push.drain(Mode.BINARY);
    WRITES.reset();

    publish(request);
    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(1, 1, 0));

    assertThat(WRITES.calls("BatchWriteItem")).isZero();
    assertThat(WRITES.calls("UpdateItem")).isZero();
    assertThat(ExpectedGcpInventory.observed(stored(project)))
        .isEqualTo(ExpectedGcpInventory.of(project));
  }

  @Test
  void accept_malformedMessage_isRedelivered_thenDeadLetteredByteForByte() {
    int deadBefore = gcp.pubsub.published(LocalGcp.DEAD_LETTER).size();
    String poison = "{\"schemaVersion\": 7";
    gcp.pubsub.publish(
        LocalGcp.TOPIC,
        PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(poison)).build());

    assertThat(push.drain(Mode.BINARY))
        .isEqualTo(
            new Deliveries(LocalGcp.MAX_DELIVERY_ATTEMPTS, 0, LocalGcp.MAX_DELIVERY_ATTEMPTS));
    List<PubsubMessage> dead = gcp.pubsub.published(LocalGcp.DEAD_LETTER);
    assertThat(dead).hasSize(deadBefore + 1);
    assertThat(dead.get(dead.size() - 1).getData().toStringUtf8()).isEqualTo(poison);
  }

  @Test
  void accept_unknownProject_isPermanent_andEndsInTheDeadLetterTopic() {
    int deadBefore = gcp.pubsub.published(LocalGcp.DEAD_LETTER).size();
    publish(
        SyncRequest.of(
            "unknown-project",
            AccountKey.parse("gcp#not-configured-here"),
            Set.of(SyncKind.INVENTORY),
            "test",
            Instant.now()));

    assertThat(push.drain(Mode.STRUCTURED).acknowledged()).isZero();
    assertThat(gcp.pubsub.published(LocalGcp.DEAD_LETTER)).hasSize(deadBefore + 1);
  }

  @Test
  void accept_whenRetryable_throwsSoPubSubRedelivers_thenTheRetrySucceeds() {
    GcpProject project = gcp.projects().get(0);
    SyncRequest request = request("in-progress-then-free", project);
    var claims = new DynamoDbIdempotencyStore(dynamoDb, prefix, Clock.systemUTC());
    Instant now = Instant.now();
    claims.tryClaim(
        request.idempotencyKey(),
        now,
        now.plus(Duration.ofMinutes(10)),
        now.plus(Duration.ofDays(1)));
    publish(request);

    assertThat(push.deliverOne(Mode.BINARY)).isEqualTo(500);
    assertThat(gcp.pubsub.unacknowledged(LocalGcp.SUBSCRIPTION)).isEqualTo(1);
    claims.release(request.idempotencyKey());

    assertThat(push.deliverOne(Mode.BINARY)).isEqualTo(200);
    assertThat(gcp.pubsub.unacknowledged(LocalGcp.SUBSCRIPTION)).isZero();
  }

  @Test
  void accept_whenRetryableEveryTime_isDeadLetteredAfterMaxDeliveryAttempts() {
    SyncRequest request = request("in-progress-forever", gcp.projects().get(1));
    var claims = new DynamoDbIdempotencyStore(dynamoDb, prefix, Clock.systemUTC());
    Instant now = Instant.now();
    claims.tryClaim(
        request.idempotencyKey(),
        now,
        now.plus(Duration.ofMinutes(10)),
        now.plus(Duration.ofDays(1)));
    int deadBefore = gcp.pubsub.published(LocalGcp.DEAD_LETTER).size();
    publish(request);

    Deliveries deliveries = push.drain(Mode.STRUCTURED);

    assertThat(deliveries)
        .isEqualTo(
            new Deliveries(LocalGcp.MAX_DELIVERY_ATTEMPTS, 0, LocalGcp.MAX_DELIVERY_ATTEMPTS));
    List<PubsubMessage> dead = gcp.pubsub.published(LocalGcp.DEAD_LETTER);
    assertThat(dead).hasSize(deadBefore + 1);
    PubsubMessage deadLetter = dead.get(dead.size() - 1);
    assertThat(SyncRequestCodec.fromJson(deadLetter.getData().toStringUtf8())).isEqualTo(request);
    assertThat(deadLetter.getAttributesMap())
        .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5")
        .containsEntry("requestId", "in-progress-forever");
  }

  private static SyncRequest request(String requestId, GcpProject project) {
    return SyncRequest.of(
        requestId,
        AccountKey.parse("gcp#" + project.projectId()),
        Set.of(SyncKind.INVENTORY),
        "test",
        Instant.parse("2026-11-23T17:00:00Z"));
  }

  private static void publish(SyncRequest request) {
    dispatcher.dispatch(List.of(request));
  }

  private static List<Resource> stored(GcpProject project) {
    try (Stream<Resource> resources =
        DynamoDbInventoryStore.create(dynamoDb, prefix)
            .query(InventoryQuery.account(AccountKey.parse("gcp#" + project.projectId())))) {
      return resources.toList();
    }
  }
}
