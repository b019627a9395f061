package io.cloudledger.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncApiTargetedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AccountKey A = FanOutTest.A;
  private static final AccountKey B = FanOutTest.B;
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  private static final Scope EAST_VM = Scope.of("us-east-1", ResourceType.VM);
  private static final Scope WEST_VM = Scope.of("eu-west-1", ResourceType.VM);
  private static final Scope ALL_STORAGE = Scope.allRegions(ResourceType.STORAGE);

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryDispatcher dispatcher = new InMemoryDispatcher();
  private final InMemorySyncRequestLog log = new InMemorySyncRequestLog();
  private final InMemoryInventoryStore store = InMemoryInventoryStore.create();
  private final AtomicInteger ids = new AtomicInteger();
  private final FixedDirectory directory = new FixedDirectory(List.of(A, B));
  private final SyncApi api =
      new SyncApi(
              new FanOut(directory, dispatcher, log),
              new SyncStatusQuery(
                  log, new InMemorySyncRunStore(), new InMemoryIdempotencyStore(clock), clock),
              clock,
              () -> "req-" + ids.incrementAndGet())
          .withTargets(new ResourceTargets(directory, store));

  SyncApiTargetedTest() {
    store.apply(
        ChangeSet.puts(
            A,
            List.of(
                resource(A, "us-east-1", ResourceType.VM, "i-0east"),
                resource(A, "eu-west-1", ResourceType.VM, "i-0west"),
                resource(A, "eu-west-1", ResourceType.STORAGE, "logs-bucket"),
                // The same native id twice: a lookup by id alone is ambiguous.
                resource(A, "us-east-1", ResourceType.NETWORK, "dup"),
                resource(A, "eu-west-1", ResourceType.NETWORK, "dup"))));
    store.saveScopes(
        A,
        List.of(
            listed(EAST_VM),
            listed(WEST_VM),
            listed(ALL_STORAGE),
            listed(Scope.of("us-east-1", ResourceType.NETWORK)),
            listed(Scope.of("eu-west-1", ResourceType.NETWORK))));
  }

  @Test
  void post_storedResourceKey_dispatchesOneRequestForItsScopeOnly() throws Exception {
    ApiResponse response =
        api.handle("POST", "/sync", "{\"resource\":\"aws#111111111111#vm#us-east-1#i-0east\"}");

    assertThat(response.status()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("requestId").asText()).isEqualTo("req-1");
    assertThat(body.get("scope").asText()).isEqualTo("us-east-1#vm");
    assertThat(body.get("resourceKey").asText()).isEqualTo("vm#us-east-1#i-0east");
    List<SyncRequest> sent = dispatcher.drain();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).accountKey()).isEqualTo(A);
    assertThat(sent.get(0).kinds()).containsExactly(SyncKind.INVENTORY);
    assertThat(sent.get(0).unit()).isEqualTo(WorkUnit.targeted(Set.of(EAST_VM)));
    assertThat(sent.get(0).idempotencyKey().group()).isEqualTo("req-1");
    assertThat(log.find("req-1").orElseThrow().accounts()).containsExactly(A);
  }

  @Test
  void post_resourceKeyWithAccount_resolvesTheSameScope() throws Exception {
    ApiResponse response =
        api.handle(
            "POST",
            "/sync",
            "{\"resource\":\"vm#eu-west-1#i-0west\",\"account\":\"aws#111111111111\"}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(dispatcher.drain().get(0).unit().scopes()).containsExactly(WEST_VM);
  }

  @Test
  void post_nativeIdWithAccount_looksUpTheStoredResource() throws Exception {
    ApiResponse response =
        api.handle("POST", "/sync", "{\"resource\":\"i-0west\",\"account\":\"aws#111111111111\"}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(JSON.readTree(response.body()).get("resourceKey").asText())
        .isEqualTo("vm#eu-west-1#i-0west");
    assertThat(dispatcher.drain().get(0).unit().scopes()).containsExactly(WEST_VM);
  }

  @Test
  void post_ec2InstanceArn_resolvesAccountRegionAndType() throws Exception {
    ApiResponse response =
        api.handle(
            "POST",
            "/sync",
            "{\"resource\":\"arn:aws:ec2:us-east-1:111111111111:instance/i-0east\"}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(dispatcher.drain().get(0).unit().scopes()).containsExactly(EAST_VM);
  }

  @Test
  void post_bucket_usesTheAllRegionsScopeTheAccountIsListedIn() throws Exception {
    ApiResponse response =
        api.handle(
            "POST",
            "/sync",
            "{\"resource\":\"arn:aws:s3:::logs-bucket\",\"account\":\"aws#111111111111\"}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(dispatcher.drain().get(0).unit().scopes()).containsExactly(ALL_STORAGE);
  }

  @Test
  void post_singleAccount_syncsThatWholeAccount() {
    ApiResponse response = api.handle("POST", "/sync", "{\"accounts\":[\"aws#111111111111\"]}");

    assertThat(response.status()).isEqualTo(202);
    List<SyncRequest> sent = dispatcher.drain();
    assertThat(sent).extracting(SyncRequest::accountKey).containsExactly(A);
    assertThat(sent.get(0).unit()).isEqualTo(WorkUnit.WHOLE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          both fields | {"resource":"vm#us-east-1#i-0east","accounts":["aws#111111111111"]} | bad-request | not both
          account without resource | {"account":"aws#111111111111"} | bad-request | 'account' only goes with 'resource'
          resource not a string | {"resource":["i-0east"]} | bad-request | 'resource' must be a string
          blank resource | {"resource":"  "} | bad-request | 'resource' must not be blank
          cost kind | {"resource":"aws#111111111111#vm#us-east-1#i-0east","kinds":["cost"]} | bad-request | inventory only
          unparseable account | {"resource":"i-0east","account":"aws#12"} | bad-request | exactly 12 digits
          unknown account | {"resource":"aws#999999999999#vm#us-east-1#i-1"} | unknown-account | aws#999999999999
          unknown account beside a key | {"resource":"vm#us-east-1#i-1","account":"aws#999999999999"} | unknown-account | aws#999999999999
          unknown resource type | {"resource":"aws#111111111111#database#us-east-1#db-1"} | unknown-resource-type | unknown resource type 'database'
          unknown ARN service | {"resource":"arn:aws:rds:us-east-1:111111111111:db:main"} | unknown-resource-type | ARN service 'rds'
          unknown EC2 type | {"resource":"arn:aws:ec2:us-east-1:111111111111:volume/vol-1"} | unknown-resource-type | 'volume'
          unparseable ARN | {"resource":"arn:aws:ec2"} | invalid-resource | invalid ARN
          ARN without id | {"resource":"arn:aws:ec2:us-east-1:111111111111:instance"} | invalid-resource | needs a region, an account and an id
          unparseable key | {"resource":"aws#111111111111#vm"} | invalid-resource | invalid resource key 'vm', expected <type>#<region>#<resourceId>
          key without account | {"resource":"vm#us-east-1#i-0east"} | missing-account | does not name its account
          native id without account | {"resource":"i-0east"} | missing-account | does not name its account
          account mismatch | {"resource":"aws#111111111111#vm#us-east-1#i-0east","account":"aws#222222222222"} | account-mismatch | belongs to aws#111111111111
          unknown native id | {"resource":"i-0nope","account":"aws#111111111111"} | unknown-resource | 'i-0nope'
          ambiguous native id | {"resource":"dup","account":"aws#111111111111"} | ambiguous-resource | network#eu-west-1#dup
          scope never listed | {"resource":"vm#ap-south-1#i-9","account":"aws#111111111111"} | unknown-scope | sync the whole account first
          account never listed | {"resource":"vm#us-east-1#i-9","account":"aws#222222222222"} | unknown-scope | no listing of aws#222222222222
          """)
  void post_badResource_answers400NamingTheProblemAndSendsNothing(
      String name, String body, String code, String message) throws Exception {
    ApiResponse response = api.handle("POST", "/sync", body);

    assertThat(response.status()).as(name).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("error").asText()).as(name).isEqualTo(code);
    assertThat(error.get("message").asText()).as(name).contains(message);
    assertThat(dispatcher.drain()).isEmpty();
    assertThat(log.find("req-1")).isEmpty();
  }

  @Test
  void post_resourceWithoutTargets_answers400() throws Exception {
    SyncApi plain =
        new SyncApi(
            new FanOut(directory, dispatcher, log),
            new SyncStatusQuery(
                log, new InMemorySyncRunStore(), new InMemoryIdempotencyStore(clock), clock),
            clock,
            () -> "req-x");

    ApiResponse response = plain.handle("POST", "/sync", "{\"resource\":\"i-0east\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("targeted re-syncs");
    assertThat(dispatcher.drain()).isEmpty();
  }

  @Test
  void targetedUnit_roundTripsThroughTheCodec() {
    SyncRequest request =
        new SyncRequest(
            SyncRequest.SCHEMA_VERSION,
            "req-1",
            A,
            Set.of(SyncKind.INVENTORY),
            "manual",
            NOW,
            WorkUnit.targeted(Set.of(EAST_VM)));

    SyncRequest decoded = SyncRequestCodec.fromJson(SyncRequestCodec.toJson(request));

    assertThat(decoded).isEqualTo(request);
    assertThat(decoded.unit().whole()).isFalse();
    assertThat(decoded.unit().first()).isTrue();
  }

  private static ScopeStatus listed(Scope scope) {
    return new ScopeStatus(scope, NOW, ListingStatus.COMPLETE, "", 1, NOW);
  }

  private static Resource resource(
      AccountKey account, String region, ResourceType type, String id) {
    return new Resource(
        Provider.AWS,
        account.accountId(),
        region,
        type,
        id,
        id,
        ResourceStatus.AVAILABLE,
        "",
        Map.of(),
        Map.of(),
        "hash-" + id,
        NOW,
        NOW,
        NOW,
        null);
  }
}
