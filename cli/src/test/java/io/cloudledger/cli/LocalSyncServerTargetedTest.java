package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.Ec2Instance;
import io.cloudledger.sandbox.estate.ResourceRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code serve}'s targeted re-sync: {@code POST /sync {"resource", "account"}} with an EC2 instance
 * id lists that instance's scope in the sandbox and nothing else.
 */
class LocalSyncServerTargetedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void postInstanceId_syncsOnlyItsScope_andLeavesEveryOtherResourceAsStored() throws Exception {
    InMemoryInventoryStore store = InMemoryInventoryStore.create();
    try (SandboxEstate estate =
            SandboxEstate.start(
                SandboxOptions.defaults().withAccounts(2).withResourcesPerAccount(10), Map.of());
        LocalSyncServer server =
            LocalSyncServer.start(
                0,
                AwsAccountDirectory.create(
                    estate.config(),
                    new ConfigResolver(estate.environment(), SecretLookup.none()),
                    AwsSourceSettings.defaults()),
                store,
                new InMemorySyncRunStore(),
                Clock.systemUTC(),
                2,
                java.util.Optional.empty())) {
      awaitSucceeded(server, post(server, ""), 2);
      ResourceRef changed =
          estate.sandbox().advance(0.4).modified().stream()
              .filter(r -> r.type() == io.cloudledger.sandbox.estate.ResourceType.EC2_INSTANCE)
              .findFirst()
              .orElseThrow();
      AccountKey account = AccountKey.parse("aws#" + changed.accountId());
      Scope scope = Scope.of(changed.region(), ResourceType.VM);
      Map<String, Resource> before = stored(store);
      CallCounters counters = estate.sandbox().counters();
      counters.reset();

      HttpResponse<String> accepted =
          call(
              "POST",
              server.uri().resolve("/sync"),
              "{\"resource\": \"" + changed.id() + "\", \"account\": \"" + account + "\"}");
      assertThat(accepted.statusCode()).isEqualTo(202);
      assertThat(JSON.readTree(accepted.body()).get("scope").asText()).isEqualTo(scope.key());
      awaitSucceeded(server, JSON.readTree(accepted.body()).get("requestId").asText(), 1);

      assertThat(counters.calls("DescribeInstances", changed.accountId())).isEqualTo(1);
      assertThat(counters.calls("DescribeInstances")).isEqualTo(1);
      for (String other :
          Set.of("DescribeVpcs", "DescribeSubnets", "ListBuckets", "DescribeRegions")) {
        assertThat(counters.calls(other)).as(other).isZero();
      }
      Map<String, Resource> after = stored(store);
      String key = account + "#vm#" + changed.region() + "#" + changed.id();
      assertThat(after.get(key).contentHash()).isNotEqualTo(before.get(key).contentHash());
      assertThat(outside(after, account, scope)).isEqualTo(outside(before, account, scope));
      assertThat(
              after.values().stream()
                  .filter(r -> r.accountKey().equals(account) && scope.covers(r.region(), r.type()))
                  .filter(r -> !r.deleted())
                  .map(Resource::resourceId)
                  .collect(Collectors.toSet()))
          .isEqualTo(
              estate
                  .sandbox()
                  .estate()
                  .account(changed.accountId())
                  .orElseThrow()
                  .instancesIn(changed.region())
                  .stream()
                  .map(Ec2Instance::instanceId)
                  .collect(Collectors.toSet()));

      // One whole account stays the older form of the same call.
      counters.reset();
      awaitSucceeded(server, post(server, "{\"accounts\": [\"" + account + "\"]}"), 1);
      assertThat(counters.calls("DescribeVpcs", changed.accountId())).isPositive();
      assertThat(counters.calls("DescribeVpcs"))
          .isEqualTo(counters.calls("DescribeVpcs", changed.accountId()));
      Map<String, Resource> others = stored(store);
      others.values().removeIf(r -> r.accountKey().equals(account));
      Map<String, Resource> othersBefore = new TreeMap<>(before);
      othersBefore.values().removeIf(r -> r.accountKey().equals(account));
      assertThat(others).isEqualTo(othersBefore);
    }
  }

  private HttpResponse<String> call(String method, URI uri, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String post(LocalSyncServer server, String body) throws Exception {
    HttpResponse<String> posted = call("POST", server.uri().resolve("/sync"), body);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    return JSON.readTree(posted.body()).get("requestId").asText();
  }

  private void awaitSucceeded(LocalSyncServer server, String requestId, int accounts)
      throws Exception {
    JsonNode status = null;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      status = JSON.readTree(call("GET", server.uri().resolve("/sync/" + requestId), "").body());
      boolean done = true;
      for (JsonNode account : status.get("accounts")) {
        done &= account.get("status").asText().equals("SUCCEEDED");
      }
      if (done) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(status.get("accounts")).hasSize(accounts);
    assertThat(status.get("accounts"))
        .allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("SUCCEEDED"));
  }

  private static Map<String, Resource> stored(InMemoryInventoryStore store) {
    try (var resources = store.query(InventoryQuery.all().includingDeleted())) {
      return resources.collect(
          Collectors.toMap(
              r -> r.accountKey() + "#" + r.type().key() + "#" + r.region() + "#" + r.resourceId(),
              r -> r,
              (a, b) -> a,
              TreeMap::new));
    }
  }

  private static Map<String, Resource> outside(
      Map<String, Resource> resources, AccountKey account, Scope scope) {
    Map<String, Resource> rest = new TreeMap<>(resources);
    rest.values()
        .removeIf(r -> r.accountKey().equals(account) && scope.covers(r.region(), r.type()));
    return rest;
  }
}
