package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Ec2Instance;
import io.cloudledger.sandbox.estate.ResourceRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A targeted re-sync through the deployed path: the HTTP trigger's handler gets API Gateway's event
 * naming one EC2 instance by its ARN, one request goes through SQS (ElasticMQ), the worker handler
 * lists only that instance's scope in the sandbox, and DynamoDB Local changes in that scope only.
 */
@ExtendWith(DynamoDbLocal.class)
class TargetedSyncEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws aws;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(3, 8);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void postOneInstance_syncsOnlyItsScope_andLeavesEveryOtherResourceAsStored() throws Exception {
    String prefix;
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      prefix = LocalAws.freshTables(client);
    }
    String queueUrl = aws.sqs.createQueue(r -> r.queueName("targeted-e2e")).queueUrl();
    Map<String, String> env = aws.environment(prefix, queueUrl);
    Map<String, String> workerEnv = new HashMap<>(env);
    workerEnv.remove(LambdaSettings.QUEUE_URL);
    SyncTriggerHandler trigger = new SyncTriggerHandler(aws.components(env));
    FanOutHandler fanOut = new FanOutHandler(aws.components(env));
    SyncWorkerHandler worker = new SyncWorkerHandler(aws.components(workerEnv));
    fanOut.handleRequest(EventLoader.loadScheduledEvent("events/scheduled_event.json"), null);
    new SqsPoller(aws.sqs, queueUrl).drain(event -> worker.handleRequest(event, null));

    // Every account changes; only one instance is asked for.
    ResourceRef changed =
        aws.sandbox.advance(0.4).modified().stream()
            .filter(r -> r.type() == io.cloudledger.sandbox.estate.ResourceType.EC2_INSTANCE)
            .findFirst()
            .orElseThrow();
    AccountKey account = AccountKey.parse("aws#" + changed.accountId());
    Scope scope = Scope.of(changed.region(), ResourceType.VM);
    Map<String, Resource> before = stored(prefix);
    String instanceKey = account + "#vm#" + changed.region() + "#" + changed.id();
    CallCounters counters = aws.sandbox.counters();
    counters.reset();

    APIGatewayV2HTTPEvent post =
        EventLoader.loadApiGatewayHttpEvent("events/apigw_v2_post_sync.json");
    post.setBody(
        "{\"resource\": \"arn:aws:ec2:"
            + changed.region()
            + ":"
            + changed.accountId()
            + ":instance/"
            + changed.id()
            + "\"}");
    APIGatewayV2HTTPResponse accepted = trigger.handleRequest(post, null);
    assertThat(accepted.getStatusCode()).isEqualTo(202);
    JsonNode answer = JSON.readTree(accepted.getBody());
    assertThat(answer.get("scope").asText()).isEqualTo(scope.key());
    SqsPoller poller = new SqsPoller(aws.sqs, queueUrl);
    poller.drain(event -> worker.handleRequest(event, null));

    assertThat(poller.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    assertThat(counters.calls("DescribeInstances", changed.accountId())).isEqualTo(1);
    assertThat(counters.calls("DescribeInstances")).isEqualTo(1);
    for (String other :
        Set.of("DescribeVpcs", "DescribeSubnets", "ListBuckets", "DescribeRegions")) {
      assertThat(counters.calls(other)).as(other).isZero();
    }
    Map<String, Resource> after = stored(prefix);
    assertThat(after.get(instanceKey).contentHash())
        .isNotEqualTo(before.get(instanceKey).contentHash());
    assertThat(outside(after, account, scope)).isEqualTo(outside(before, account, scope));
    AwsAccount estate = aws.sandbox.estate().account(changed.accountId()).orElseThrow();
    assertThat(liveIdsIn(after, account, scope))
        .isEqualTo(
            estate.instancesIn(changed.region()).stream()
                .map(Ec2Instance::instanceId)
                .collect(Collectors.toSet()));

    APIGatewayV2HTTPEvent get =
        EventLoader.loadApiGatewayHttpEvent("events/apigw_v2_get_status.json");
    get.setRawPath("/sync/" + answer.get("requestId").asText());
    JsonNode status = JSON.readTree(trigger.handleRequest(get, null).getBody());
    assertThat(status.get("accounts")).hasSize(1);
    assertThat(status.get("accounts").get(0).get("accountKey").asText()).isEqualTo(account.value());
    assertThat(status.get("accounts").get(0).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  /** Every stored resource, tombstoned ones too, by {@code <accountKey>#<resourceKey>}. */
  private static Map<String, Resource> stored(String prefix) {
    Map<String, Resource> all = new TreeMap<>();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      DynamoDbInventoryStore store = DynamoDbInventoryStore.create(client, prefix);
      for (AwsAccount account : aws.accounts()) {
        AccountKey key = AccountKey.parse("aws#" + account.accountId());
        try (var resources = store.query(InventoryQuery.account(key).includingDeleted())) {
          resources.forEach(
              r ->
                  all.put(key + "#" + r.type().key() + "#" + r.region() + "#" + r.resourceId(), r));
        }
      }
    }
    return all;
  }

  private static Map<String, Resource> outside(
      Map<String, Resource> resources, AccountKey account, Scope scope) {
    Map<String, Resource> rest = new TreeMap<>(resources);
    rest.values()
        .removeIf(r -> r.accountKey().equals(account) && scope.covers(r.region(), r.type()));
    return rest;
  }

  private static Set<String> liveIdsIn(
      Map<String, Resource> resources, AccountKey account, Scope scope) {
    return resources.values().stream()
        .filter(r -> r.accountKey().equals(account) && scope.covers(r.region(), r.type()))
        .filter(r -> !r.deleted())
        .map(Resource::resourceId)
        .collect(Collectors.toSet());
  }
}
