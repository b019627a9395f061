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
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve}'s server over HTTP: the same API as the Lambda trigger, syncing in-process. */
class LocalSyncServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> call(String method, URI uri, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void postSync_thenStatus_reachesSucceededForEveryAccountAndFillsTheInventory() throws Exception {
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
      HttpResponse<String> posted = call("POST", server.uri().resolve("/sync"), "");
      assertThat(posted.statusCode()).isEqualTo(202);
      String requestId = JSON.readTree(posted.body()).get("requestId").asText();

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
        Thread.sleep(200);
      }
      assertThat(status.get("accounts")).hasSize(2);
      assertThat(status.get("accounts"))
          .allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("SUCCEEDED"));
      long expected =
          estate.sandbox().estate().accounts().stream().mapToLong(AwsAccount::resourceCount).sum();
      assertThat(store.query(InventoryQuery.all()).count()).isEqualTo(expected);

      // Freshness: every account just synced completely, none overdue.
      JsonNode accounts = JSON.readTree(call("GET", server.uri().resolve("/accounts"), "").body());
      assertThat(accounts.get("overdue").asInt()).isZero();
      assertThat(accounts.get("accounts")).hasSize(2);
      assertThat(accounts.get("accounts"))
          .allSatisfy(
              a -> {
                assertThat(Instant.parse(a.get("lastCompleteSync").asText()))
                    .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
                assertThat(a.get("stale").asBoolean()).isFalse();
              });

      assertThat(call("GET", server.uri().resolve("/sync/nope"), "").statusCode()).isEqualTo(404);
      assertThat(call("DELETE", server.uri().resolve("/sync"), "").statusCode()).isEqualTo(405);
      assertThat(call("POST", server.uri().resolve("/sync"), "{\"kinds\":[\"x\"]}").statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void postSyncKindsCost_payerStoresEveryAccountsCost_membersAreCovered() throws Exception {
    io.cloudledger.core.cost.InMemoryCostStore costs =
        new io.cloudledger.core.cost.InMemoryCostStore();
    try (SandboxEstate estate =
        SandboxEstate.start(
            SandboxOptions.defaults().withAccounts(3).withResourcesPerAccount(10), Map.of())) {
      ConfigResolver resolver = new ConfigResolver(estate.environment(), SecretLookup.none());
      AwsAccountDirectory directory =
          AwsAccountDirectory.create(estate.config(), resolver, AwsSourceSettings.defaults());
      var cost =
          new io.cloudledger.core.worker.CostKindSync(
              io.cloudledger.core.cost.CostSources.byProvider(
                  Map.of(
                      io.cloudledger.core.model.Provider.AWS,
                      new io.cloudledger.aws.cost.AwsCostSources(
                          directory,
                          resolver,
                          io.cloudledger.aws.cost.AwsCostSettings.defaults(),
                          io.cloudledger.aws.session.AwsClientSettings.defaults()))),
              new io.cloudledger.core.cost.CostSync(costs, Clock.systemUTC()));
      try (LocalSyncServer server =
          LocalSyncServer.start(
              0,
              directory,
              InMemoryInventoryStore.create(),
              new InMemorySyncRunStore(),
              Clock.systemUTC(),
              2,
              java.util.Optional.empty(),
              Map.of(io.cloudledger.core.dispatch.SyncKind.COST, cost))) {
        HttpResponse<String> posted =
            call("POST", server.uri().resolve("/sync"), "{\"kinds\":[\"cost\"]}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String requestId = JSON.readTree(posted.body()).get("requestId").asText();
        JsonNode status = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
          status =
              JSON.readTree(call("GET", server.uri().resolve("/sync/" + requestId), "").body());
          boolean done = true;
          for (JsonNode account : status.get("accounts")) {
            done &= !account.get("status").asText().matches("QUEUED|RUNNING");
          }
          if (done) {
            break;
          }
          Thread.sleep(200);
        }
        String payer = "aws#" + estate.sandbox().estate().managementAccount().accountId();
        assertThat(status.get("accounts")).hasSize(3);
        for (JsonNode account : status.get("accounts")) {
          assertThat(account.get("status").asText())
              .isEqualTo(
                  account.get("accountKey").asText().equals(payer) ? "SUCCEEDED" : "COVERED");
        }
        var window = io.cloudledger.core.cost.CostWindow.lastDays(Clock.systemUTC(), 30);
        assertThat(costs.rows(window))
            .hasSize(estate.sandbox().estate().costs().costs(window.start(), window.end()).size());
      }
    }
  }

  @Test
  void serve_withSandboxAndConfig_isAUsageError() {
    CliRunner.Result result =
        new CliRunner(java.nio.file.Path.of("target", "serve-home"))
            .run("serve", "--sandbox", "--config", "x.yaml");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("--sandbox and --config exclude each other");
  }
}
