package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.aws.discovery.OrganizationConfigs;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.discovery.StaleInventory;
import io.cloudledger.core.dispatch.AcceptedRequest;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.InMemoryDispatcher;
import io.cloudledger.core.dispatch.InMemorySyncRequestLog;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.core.sync.SyncTarget;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An organization end to end on DynamoDB Local: the fan-out syncs every discovered member (through
 * the member role, or through a configured session, which wins), and an account suspended later
 * keeps its inventory, marked stale, never tombstoned.
 */
@ExtendWith(DynamoDbLocal.class)
class OrganizationSyncTest {
  private static Sandbox sandbox;
  private static AwsAccountDirectory directory;
  private static DynamoDbInventoryStore store;
  private static SyncEngine engine;
  private static FanOut fanOut;
  private static final InMemoryDispatcher QUEUE = new InMemoryDispatcher();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(5).withResourcesPerAccount(30));
    // Accounts 1 and 4 demand their own ExternalId: configured sessions read them (and win).
    AwsAccount demanding = sandbox.estate().accounts().get(1);
    AwsAccount other = sandbox.estate().accounts().get(4);
    String configured = configuredSession(demanding) + configuredSession(other);
    CloudledgerConfig config =
        OrganizationConfigs.config(OrganizationConfigs.yaml(sandbox, "", configured));
    ConfigResolver resolver =
        OrganizationConfigs.resolver(
            sandbox,
            name ->
                sandbox.estate().accounts().stream()
                    .filter(a -> name.equals("ext_" + a.accountId()))
                    .findFirst()
                    .map(a -> SecretValue.of(a.externalId())));
    directory = AwsAccountDirectory.create(config, resolver, SandboxSync.FAST);
    DynamoDbClient client = DynamoDbLocal.client();
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    store = DynamoDbInventoryStore.create(client, prefix);
    engine =
        new SyncEngine(
            store,
            DynamoDbSyncRunStore.create(client, prefix),
            Clock.systemUTC(),
            SyncSettings.defaults());
    fanOut =
        new FanOut(
            directory,
            QUEUE,
            new InMemorySyncRequestLog(),
            new StaleInventory(store, Clock.systemUTC()));
  }

  private static String configuredSession(AwsAccount account) {
    return "  - name: direct_"
        + account.accountId()
        + "\n    session_type: aws\n"
        + "    access_key_id: ENV/SANDBOX_ACCESS_KEY_ID\n"
        + "    secret_access_key: ENV/SANDBOX_SECRET_ACCESS_KEY\n"
        + "    role_arn: "
        + account.roleArn()
        + "\n    external_id: SEC/ext_"
        + account.accountId()
        + "\n    regions: [us-east-1, eu-west-1]\n"
        + "    endpoint_url: "
        + sandbox.endpoints().aws()
        + "\n";
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** What the workers would do with the queued requests. */
  private static List<SyncStatus> runWorkers() {
    return QUEUE.drain().stream()
        .map(
            (SyncRequest r) ->
                directory.withInventorySource(
                    r.accountKey(),
                    source ->
                        engine
                            .sync(
                                new SyncTarget(
                                    r.requestId(), r.accountKey(), SandboxSync.ALL_TYPES, "test"),
                                source)
                            .run()
                            .status()))
        .toList();
  }

  private static List<Resource> stored(AccountKey account) {
    try (Stream<Resource> resources =
        store.query(InventoryQuery.account(account).includingDeleted())) {
      return resources.toList();
    }
  }

  @Test
  void suspendedAccount_isSkipped_andKeepsItsInventoryMarkedStale() {
    List<AccountKey> all =
        sandbox.estate().accounts().stream().map(SandboxSync::key).sorted().toList();
    AcceptedRequest first = fanOut.scheduled(Instant.now(), Set.of(SyncKind.INVENTORY));
    assertThat(first.accounts()).containsExactlyElementsOf(all);
    assertThat(runWorkers()).hasSize(5).containsOnly(SyncStatus.SUCCEEDED);

    AwsAccount suspended = sandbox.estate().accounts().get(2);
    AccountKey key = SandboxSync.key(suspended);
    List<Resource> before = stored(key);
    assertThat(before).isNotEmpty().noneMatch(Resource::deleted);
    sandbox.estate().organization().setState(suspended.accountId(), "SUSPENDED");
    // Even if the account's resources vanished meanwhile, nothing may be tombstoned.
    sandbox.advance(0.5);

    AcceptedRequest second =
        fanOut.scheduled(Instant.now().plusSeconds(120), Set.of(SyncKind.INVENTORY));
    runWorkers();

    assertThat(second.accounts()).hasSize(4).doesNotContain(key);
    List<Resource> after = stored(key);
    assertThat(after).isEqualTo(before);
    assertThat(after).noneMatch(Resource::deleted);
    List<ScopeStatus> scopes = store.scopes(key);
    assertThat(scopes)
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(ListingStatus.STALE);
              assertThat(s.reason()).isEqualTo("account is SUSPENDED in org");
              assertThat(s.lastCompleteAt()).isNotNull();
            });

    sandbox.estate().organization().setState(suspended.accountId(), "ACTIVE");
    AcceptedRequest third =
        fanOut.scheduled(Instant.now().plusSeconds(240), Set.of(SyncKind.INVENTORY));
    assertThat(third.accounts()).contains(key);
    assertThat(runWorkers()).containsOnly(SyncStatus.SUCCEEDED);
    assertThat(store.scopes(key)).allMatch(s -> s.status() == ListingStatus.COMPLETE);
  }

  @Test
  void workerOfAnotherContainer_derivesTheMemberSessionWithoutListingTheOrganization() {
    AwsAccount member = sandbox.estate().accounts().get(3);
    long listings = sandbox.counters().calls("ListAccounts");
    AwsAccountDirectory fresh =
        AwsAccountDirectory.create(
            OrganizationConfigs.config(OrganizationConfigs.yaml(sandbox, "", "")),
            OrganizationConfigs.resolver(sandbox, name -> Optional.empty()),
            SandboxSync.FAST);

    SyncStatus status =
        fresh.withInventorySource(
            SandboxSync.key(member),
            source ->
                engine
                    .sync(
                        new SyncTarget(
                            "derived", SandboxSync.key(member), SandboxSync.ALL_TYPES, "test"),
                        source)
                    .run()
                    .status());

    assertThat(status).isEqualTo(SyncStatus.SUCCEEDED);
    assertThat(sandbox.counters().calls("ListAccounts")).isEqualTo(listings);
  }
}
