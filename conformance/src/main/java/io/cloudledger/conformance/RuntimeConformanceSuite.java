package io.cloudledger.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudledger.aws.dynamodb.CloudledgerTables;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scenarios every function runtime must pass, written once: a runtime's test extends this class
 * and implements {@link #deploy} with a {@link RuntimeHarness} over its real entry points. Each
 * scenario gets a fresh deployment (empty tables, fresh queues); the environment (sandbox of three
 * clouds, DynamoDB Local, the reference state) is started once per class.
 */
@ExtendWith(DynamoDbLocal.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeConformanceSuite {
  private static final Set<SyncKind> INVENTORY = Set.of(SyncKind.INVENTORY);

  private ConformanceEnvironment environment;

  /** The runtime's name, e.g. {@code aws-lambda}: names its hash file. */
  protected abstract String runtimeName();

  /**
   * Deploys the runtime for one scenario: builds its function classes (through the constructors the
   * platform would use, or the test constructors over the same wiring) on {@code deployment}'s
   * tables, the environment's configuration and fresh queues of its own.
   */
  protected abstract RuntimeHarness deploy(ConformanceDeployment deployment);

  @BeforeAll
  final void startEnvironment() {
    environment = ConformanceEnvironment.start();
  }

  @AfterAll
  final void stopEnvironment() {
    if (environment != null) {
      environment.close();
    }
  }

  /** The environment of this class's scenarios (for harnesses that need more of it). */
  protected final ConformanceEnvironment environment() {
    return environment;
  }

  @Test
  void scheduleTick_fansOutToEveryAccount_andTheStoreEqualsTheEstateAndTheReference() {
    ConformanceDeployment deployment = environment.newDeployment("schedule");
    try (RuntimeHarness harness = deploy(deployment)) {
      Set<Provider> providers = providersOf(harness);
      SortedMap<AccountKey, SortedSet<String>> expected = environment.expected().of(providers);

      harness.scheduleTick(ConformanceEnvironment.TICK);
      int deliveries = harness.drainQueue();

      assertThat(deliveries).as("one delivery per account, none failed").isEqualTo(expected.size());
      assertThat(harness.deadLettered()).isEmpty();
      StoreState stored = storeOfEveryAccount(deployment);
      for (AccountKey account : environment.expected().resourcesByAccount().keySet()) {
        assertThat(stored.liveResources(account))
            .as("the inventory of %s", account)
            .isEqualTo(expected.getOrDefault(account, new java.util.TreeSet<>()));
      }
      List<SyncRun> runs =
          runs(deployment, FanOut.scheduledRequestId(ConformanceEnvironment.TICK, INVENTORY));
      assertThat(runs)
          .extracting(SyncRun::account)
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
      assertThat(runs).allSatisfy(run -> assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED));

      Map<Provider, String> hashes = new EnumMap<>(Provider.class);
      for (Provider provider : providers) {
        hashes.put(provider, stored.of(provider).hash());
      }
      StoreState reference = environment.reference(providers);
      for (Provider provider : providers) {
        assertThat(stored.of(provider).linesByAccount())
            .as("%s items against the reference sync (core, in-memory queue and store)", provider)
            .isEqualTo(reference.of(provider).linesByAccount());
        assertThat(hashes.get(provider)).isEqualTo(reference.of(provider).hash());
      }
      Path moduleDir = Path.of("").toAbsolutePath();
      StateHashes.write(moduleDir, runtimeName(), environment.fingerprint(), hashes);
      assertThat(
              StateHashes.disagreements(
                  StateHashes.recordedNextTo(moduleDir, environment.fingerprint())))
          .as("state hashes of the runtimes built so far")
          .isEmpty();
    }
  }

  @Test
  void duplicateDelivery_ofTheScheduleAndOfAMessage_writesNothingMore() {
    ConformanceDeployment deployment = environment.newDeployment("duplicate");
    try (RuntimeHarness harness = deploy(deployment)) {
      Set<Provider> providers = providersOf(harness);
      SortedMap<AccountKey, SortedSet<String>> expected = environment.expected().of(providers);
      harness.scheduleTick(ConformanceEnvironment.TICK);
      harness.drainQueue();
      StoreState before = storeOfEveryAccount(deployment);
      long inventoryWrites = writes(deployment, CloudledgerTables.INVENTORY.tableName(""));
      long runWrites = writes(deployment, CloudledgerTables.SYNC_RUNS.tableName(""));
      assertThat(inventoryWrites).as("the first delivery wrote the inventory").isPositive();

      // The schedule's event delivered again, and one of its messages delivered once more.
      harness.scheduleTick(ConformanceEnvironment.TICK.plusSeconds(20));
      AccountKey first = expected.firstKey();
      harness.enqueueRaw(
          SyncRequestCodec.toJson(
              SyncRequest.of(
                  FanOut.scheduledRequestId(ConformanceEnvironment.TICK, INVENTORY),
                  first,
                  INVENTORY,
                  FanOut.SCHEDULE,
                  ConformanceEnvironment.TICK)));
      int deliveries = harness.drainQueue();

      assertThat(deliveries).isGreaterThanOrEqualTo(expected.size() + 1);
      assertThat(writes(deployment, CloudledgerTables.INVENTORY.tableName("")))
          .as("inventory items written after the duplicates")
          .isEqualTo(inventoryWrites);
      assertThat(writes(deployment, CloudledgerTables.SYNC_RUNS.tableName("")))
          .as("sync runs written after the duplicates")
          .isEqualTo(runWrites);
      assertThat(storeOfEveryAccount(deployment)).isEqualTo(before);
      assertThat(harness.deadLettered()).isEmpty();
    }
  }

  @Test
  void poisonMessage_isDeadLettered_whileTheGoodMessagesAroundItSucceed() {
    ConformanceDeployment deployment = environment.newDeployment("poison");
    try (RuntimeHarness harness = deploy(deployment)) {
      Set<Provider> providers = providersOf(harness);
      SortedMap<AccountKey, SortedSet<String>> expected = environment.expected().of(providers);
      String requestId = "conformance-poison";
      String poison = "{\"schemaVersion\":1,\"requestId\":\"conformance-poison\",\"accountKey\":";
      List<AccountKey> accounts = new ArrayList<>(expected.keySet());
      for (int i = 0; i < accounts.size(); i++) {
        if (i == accounts.size() / 2) {
          harness.enqueueRaw(poison);
        }
        harness.enqueueRaw(
            SyncRequestCodec.toJson(
                SyncRequest.of(
                    requestId, accounts.get(i), INVENTORY, "manual", ConformanceEnvironment.TICK)));
      }

      int deliveries = harness.drainQueue();

      assertThat(deliveries)
          .as("the poison message is delivered more than once before it is dead-lettered")
          .isGreaterThan(accounts.size() + 1);
      assertThat(harness.deadLettered()).containsExactly(poison);
      assertThat(runs(deployment, requestId))
          .extracting(SyncRun::account, SyncRun::status)
          .containsExactlyInAnyOrderElementsOf(
              accounts.stream()
                  .map(a -> org.assertj.core.groups.Tuple.tuple(a, SyncStatus.SUCCEEDED))
                  .toList());
      StoreState stored = storeOfEveryAccount(deployment);
      expected.forEach((account, ids) -> assertThat(stored.liveResources(account)).isEqualTo(ids));
    }
  }

  @Test
  void httpTrigger_answers202_thenTheStatusUntilEveryAccountSucceeded() {
    ConformanceDeployment deployment = environment.newDeployment("http");
    try (RuntimeHarness harness = deploy(deployment)) {
      Set<Provider> providers = providersOf(harness);
      SortedMap<AccountKey, SortedSet<String>> expected = environment.expected().of(providers);
      AccountKey account = expected.firstKey();

      HttpReply accepted =
          harness.http(
              "POST",
              "/sync",
              "{\"accounts\": [\"" + account.value() + "\"], \"kinds\": [\"inventory\"]}");

      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      String requestId = accepted.json().path("requestId").asText();
      assertThat(requestId).isNotBlank();
      assertThat(accepted.json().path("accounts").asInt()).isEqualTo(1);

      HttpReply queued = harness.http("GET", "/sync/" + requestId, null);
      assertThat(queued.status()).as(queued.body()).isEqualTo(200);
      assertThat(statuses(queued)).containsExactly(Map.entry(account.value(), "QUEUED"));

      HttpReply status = queued;
      for (int round = 0; round < 5 && !statuses(status).containsValue("SUCCEEDED"); round++) {
        harness.drainQueue();
        status = harness.http("GET", "/sync/" + requestId, null);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
      }
      assertThat(statuses(status)).containsExactly(Map.entry(account.value(), "SUCCEEDED"));
      JsonNode only = status.json().path("accounts").get(0);
      assertThat(only.path("seen").asLong()).isEqualTo(expected.get(account).size());
      assertThat(status.json().path("requestId").asText()).isEqualTo(requestId);
      assertThat(storeOfEveryAccount(deployment).liveResources(account))
          .isEqualTo(expected.get(account));
    }
  }

  @Test
  void badHttpBody_answers400_withAJsonErrorNamingTheProblem_andQueuesNothing() {
    ConformanceDeployment deployment = environment.newDeployment("badbody");
    try (RuntimeHarness harness = deploy(deployment)) {
      Map<String, String> problems = new TreeMap<>();
      problems.put("{\"accounts\": \"aws#123456789012\"}", "accounts");
      problems.put("{\"accounts\": [\"aws#", "JSON");
      problems.put("{\"acounts\": []}", "acounts");
      problems.put("{\"kinds\": [\"everything\"]}", "everything");
      problems.put("{\"accounts\": [\"aws#999999999999\"]}", "aws#999999999999");

      for (Map.Entry<String, String> problem : problems.entrySet()) {
        HttpReply reply = harness.http("POST", "/sync", problem.getKey());
        assertThat(reply.status())
            .as("POST /sync %s → %s", problem.getKey(), reply.body())
            .isEqualTo(400);
        assertThat(reply.json().path("error").asText()).as(reply.body()).isNotBlank();
        assertThat(reply.json().path("message").asText())
            .as("the message of %s", problem.getKey())
            .contains(problem.getValue());
      }
      HttpReply unknown = harness.http("GET", "/sync/no-such-request", null);
      assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
      assertThat(unknown.json().path("error").asText()).isNotBlank();

      assertThat(harness.drainQueue()).as("deliveries after refused calls").isZero();
      assertThat(harness.deadLettered()).isEmpty();
    }
  }

  private static Set<Provider> providersOf(RuntimeHarness harness) {
    Set<Provider> providers = harness.providers();
    assertThat(providers).as("the clouds the runtime syncs").isNotEmpty();
    return providers;
  }

  private StoreState storeOfEveryAccount(ConformanceDeployment deployment) {
    return environment.storeState(deployment, environment.expected().resourcesByAccount().keySet());
  }

  private List<SyncRun> runs(ConformanceDeployment deployment, String requestId) {
    return DynamoDbSyncRunStore.create(environment.dynamoDb(), deployment.tablePrefix())
        .findByRequestId(requestId);
  }

  private long writes(ConformanceDeployment deployment, String tableSuffix) {
    return environment.writes().items(deployment.tablePrefix() + tableSuffix);
  }

  private static Map<String, String> statuses(HttpReply reply) {
    Map<String, String> statuses = new TreeMap<>();
    for (JsonNode account : reply.json().path("accounts")) {
      statuses.put(account.path("accountKey").asText(), account.path("status").asText());
    }
    return statuses;
  }
}
