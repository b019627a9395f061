package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.azure.queue.Azurite;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.estate.AzureSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Kind {@code cost} through the function classes: the daily cost timer fans out one cost request
 * per subscription onto Azurite's queue, and the queue worker (the host emulated by {@link
 * QueueHost}) runs each subscription's Cost Management query against the sandbox into the DynamoDB
 * cost table.
 */
@ExtendWith({DynamoDbLocal.class, Azurite.class})
class CostFunctionsTest {
  private static final Duration DRAIN = Duration.ofSeconds(90);
  private static LocalAzure local;

  @BeforeAll
  static void start() {
    local = LocalAzure.start(2, 4);
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void costTimer_sendsOneCostRequestPerSubscription_underItsOwnRequestId() {
    Map<String, String> env = local.freshDeployment();

    new FanOutFunction(local.components(env))
        .runCost(SyncFunctionsTest.timerInfo(), TestExecutionContext.of("costFanOut"));

    List<SyncRequest> sent = new ArrayList<>();
    LocalAzure.queue(env)
        .receiveMessages(32)
        .forEach(m -> sent.add(SyncRequestCodec.fromJson(m.getBody().toString())));
    assertThat(sent)
        .extracting(SyncRequest::accountKey)
        .containsExactlyInAnyOrderElementsOf(
            local.subscriptions().stream().map(LocalAzure::key).toList());
    assertThat(sent).allSatisfy(r -> assertThat(r.kinds()).containsExactly(SyncKind.COST));
    String costId =
        FanOut.scheduledRequestId(Instant.parse("2026-11-23T17:00:00Z"), Set.of(SyncKind.COST));
    assertThat(sent).extracting(SyncRequest::requestId).containsOnly(costId);
    assertThat(costId)
        .as("the inventory timer's tick of the same minute is another request")
        .isNotEqualTo(
            FanOut.scheduledRequestId(
                Instant.parse("2026-11-23T17:00:00Z"), Set.of(SyncKind.INVENTORY)));
  }

  @Test
  void costTick_storesEverySubscriptionsGeneratedCostToTheCent_andARedeliveryQueriesNothing()
      throws Exception {
    Map<String, String> env = local.freshDeployment();
    Components components = local.components(env);
    FanOutFunction fanOut = new FanOutFunction(components);
    local.sandbox.counters().reset();
    fanOut.runCost(SyncFunctionsTest.timerInfo(), TestExecutionContext.of("costFanOut"));

    QueueHost host = host(env);
    assertThat(host.drain(SyncFunctionsTest.worker(components), DRAIN)).isTrue();

    assertThat(host.attempts()).hasSize(2).allMatch(QueueHost.Attempt::succeeded);
    CostWindow window = CostWindow.lastDays(Clock.systemUTC(), CostSync.DEFAULT_DAYS);
    List<String> generated = generated(window);
    assertThat(generated).isNotEmpty();
    assertThat(stored(env, window)).containsExactlyElementsOf(generated);
    long queries = local.sandbox.counters().calls(AzureRoute.QUERY_USAGE);
    for (AzureSubscription subscription : local.subscriptions()) {
      assertThat(
              local.sandbox.counters().calls(AzureRoute.QUERY_USAGE, subscription.subscriptionId()))
          .as("Cost Management pages of %s", subscription.subscriptionId())
          .isEqualTo(pages(subscription, window));
    }

    // The same occurrence again (a re-run of the timer) and its messages delivered again.
    fanOut.runCost(SyncFunctionsTest.timerInfo(), TestExecutionContext.of("costFanOut"));
    QueueHost replay = host(env);
    assertThat(replay.drain(SyncFunctionsTest.worker(components), DRAIN)).isTrue();

    assertThat(replay.attempts()).hasSize(2).allMatch(QueueHost.Attempt::succeeded);
    assertThat(local.sandbox.counters().calls(AzureRoute.QUERY_USAGE))
        .as("a redelivered cost request is replayed from the idempotency store")
        .isEqualTo(queries);
    assertThat(stored(env, window)).containsExactlyElementsOf(generated);
  }

  private static QueueHost host(Map<String, String> env) {
    return new QueueHost(
        LocalAzure.queue(env),
        LocalAzure.poisonQueue(env),
        HostJson.read().withVisibilityTimeout(Duration.ofMillis(100)));
  }

  private static List<String> generated(CostWindow window) {
    return local
        .sandbox
        .estate()
        .azureCosts()
        .costs(
            window.start(),
            window.end(),
            local.subscriptions().stream().map(AzureSubscription::subscriptionId).toList())
        .stream()
        .map(
            c ->
                "azure#"
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

  private static long pages(AzureSubscription subscription, CostWindow window) {
    long rows =
        local
            .sandbox
            .estate()
            .azureCosts()
            .costs(window.start(), window.end(), List.of(subscription.subscriptionId()))
            .size();
    return (rows + AzureSandboxOptions.DEFAULT_PAGE_SIZE - 1)
        / AzureSandboxOptions.DEFAULT_PAGE_SIZE;
  }

  private static List<String> stored(Map<String, String> env, CostWindow window) {
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      List<CostRow> rows =
          DynamoDbCostStore.create(client, env.get(FunctionSettings.TABLE_PREFIX)).rows(window);
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
  }
}
