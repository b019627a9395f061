package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.core.auth.ApiKeyAdmin;
import io.cloudledger.core.auth.ApiKeyAuthenticator;
import io.cloudledger.core.auth.ApiKeyScope;
import io.cloudledger.core.auth.Argon2KeyHasher;
import io.cloudledger.core.auth.RateLimiter;
import io.cloudledger.core.auth.RateLimits;
import io.cloudledger.core.auth.TriggerGuard;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.ConfigValue;
import io.cloudledger.core.config.InventoryConfig;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.ValueOrigin;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} instances whose configurations name the same DynamoDB endpoint (a DynamoDB
 * Local server here, as a deployment's shared table would be) share one rate limit per key.
 */
class LocalSyncServerSharedLimitTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Argon2KeyHasher HASHER = Argon2KeyHasher.owasp(RANDOM);
  private static final ValueOrigin ORIGIN = new ValueOrigin(Path.of("test.yaml"), "inventory", 1);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path home;

  private LocalSyncServer server(SandboxEstate estate, LocalInventory inventory) {
    return LocalSyncServer.start(
        0,
        AwsAccountDirectory.create(
            estate.config(),
            new ConfigResolver(estate.environment(), SecretLookup.none()),
            AwsSourceSettings.defaults()),
        inventory.store(),
        inventory.runs(),
        Clock.systemUTC(),
        1,
        Optional.of(
            new TriggerGuard(
                new ApiKeyAuthenticator(inventory.apiKeys(), HASHER, Clock.systemUTC()),
                new RateLimiter(RateLimits.defaults(), inventory.buckets()))));
  }

  private HttpResponse<String> get(LocalSyncServer server, String path, String key)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .header("Authorization", "Bearer " + key)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the101stRequestAcrossTwoServeInstancesOnOneStore_is429WithRetryAfter() throws Exception {
    CliEnvironment environment =
        new CliEnvironment(
            Map.of(),
            home,
            home,
            InputStream.nullInputStream(),
            CliEnvironment.Terminal.NONE,
            Clock.systemUTC());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    DynamoDBProxyServer dynamoDb =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    dynamoDb.start();
    // The remote store takes the SDK's default credentials; DynamoDB Local accepts any.
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    InventoryConfig settings =
        new InventoryConfig(
            InventoryConfig.StoreKind.DYNAMODB,
            ConfigValue.Literal.of(ORIGIN, "shared-"),
            new InventoryConfig.Remote(ConfigValue.Literal.of(ORIGIN, "http://127.0.0.1:" + port)),
            ConfigValue.Literal.of(ORIGIN, "us-east-1"));
    try (SandboxEstate estate =
            SandboxEstate.start(
                SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4), Map.of());
        LocalInventory one = LocalInventory.open(environment, settings);
        LocalInventory other = LocalInventory.open(environment, settings);
        LocalSyncServer first = server(estate, one);
        LocalSyncServer second = server(estate, other)) {
      String key =
          new ApiKeyAdmin(one.apiKeys(), HASHER, RANDOM, Clock.systemUTC())
              .create("shared", Set.of(ApiKeyScope.SYNC_READ), Optional.empty())
              .key()
              .reveal();
      List<LocalSyncServer> servers = List.of(first, second);

      for (int i = 0; i < 100; i++) {
        assertThat(get(servers.get(i % 2), "/sync/unknown-" + i, key).statusCode())
            .as("request %d", i + 1)
            .isEqualTo(404);
      }
      HttpResponse<String> limited = get(second, "/sync/unknown-101", key);
      HttpResponse<String> limitedToo = get(first, "/sync/unknown-102", key);

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After"))
          .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
      assertThat(limitedToo.statusCode()).isEqualTo(429);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      dynamoDb.stop();
    }
  }
}
