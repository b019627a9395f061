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
  void serve_withSandboxAndConfig_isAUsageError() {
    CliRunner.Result result =
        new CliRunner(java.nio.file.Path.of("target", "serve-home"))
            .run("serve", "--sandbox", "--config", "x.yaml");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("--sandbox and --config exclude each other");
  }
}
