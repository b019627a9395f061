package io.cloudledger.cli;

import io.cloudledger.aws.dynamodb.DynamoDbApiKeyStore;
import io.cloudledger.aws.dynamodb.DynamoDbBucketProxyManager;
import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.cli.local.EmbeddedDynamoDb;
import io.cloudledger.core.auth.ApiKeyStore;
import io.cloudledger.core.auth.InMemoryApiKeyStore;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.InventoryConfig;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostStore;
import io.cloudledger.core.cost.InMemoryCostStore;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.ratelimit.TokenBuckets;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncRunStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The inventory and sync-run stores the CLI reads and writes, as the configuration's {@code
 * inventory} section says: the embedded DynamoDB Local under the cloudledger home (default), a
 * DynamoDB endpoint, AWS itself, or memory.
 */
final class LocalInventory implements AutoCloseable {
  private final InventoryStore store;
  private final SyncRunStore runs;
  private final CostStore costs;
  private final ApiKeyStore apiKeys;
  private final TokenBuckets buckets;
  private final String description;
  private final AutoCloseable resources;

  private LocalInventory(
      InventoryStore store,
      SyncRunStore runs,
      CostStore costs,
      ApiKeyStore apiKeys,
      TokenBuckets buckets,
      String description,
      AutoCloseable resources) {
    this.store = store;
    this.runs = runs;
    this.costs = costs;
    this.apiKeys = apiKeys;
    this.buckets = buckets;
    this.description = description;
    this.resources = resources;
  }

  /** Opens the store of the configuration found from {@code explicitConfig} (may be null). */
  static LocalInventory open(CliEnvironment environment, Path explicitConfig) {
    Optional<CloudledgerConfig> config =
        ConfigLocation.find(environment, explicitConfig).map(ConfigLoader::load);
    return config.isEmpty()
        ? embedded(environment, InventoryConfig.DEFAULT_TABLE_PREFIX)
        : open(environment, config.get().inventory());
  }

  static LocalInventory open(CliEnvironment environment, InventoryConfig settings) {
    ConfigResolver resolver = new ConfigResolver(environment.env(), SecretLookup.none());
    if (settings.store() == InventoryConfig.StoreKind.MEMORY) {
      return new LocalInventory(
          InMemoryInventoryStore.create(),
          new InMemorySyncRunStore(),
          new InMemoryCostStore(),
          new InMemoryApiKeyStore(),
          TokenBuckets.inProcess(),
          "memory",
          () -> {});
    }
    String prefix =
        resolver
            .resolveOptionalText(settings.tablePrefix())
            .orElse(InventoryConfig.DEFAULT_TABLE_PREFIX);
    Optional<String> region = resolver.resolveOptionalText(settings.region());
    return switch (settings.endpoint()) {
      case InventoryConfig.Embedded embedded -> embedded(environment, prefix);
      case InventoryConfig.AwsDefault aws -> remote(null, region, prefix);
      case InventoryConfig.Remote remote ->
          remote(resolver.resolveUrl(remote.url()), region, prefix);
    };
  }

  /** The embedded DynamoDB Local on its database file under the home. */
  static LocalInventory embedded(CliEnvironment environment, String prefix) {
    EmbeddedDynamoDb db = EmbeddedDynamoDb.open(environment.home());
    try {
      return dynamoDb(db.client(), prefix, "DynamoDB Local at " + db.describe(), db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static LocalInventory remote(URI endpoint, Optional<String> region, String prefix) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    region.map(Region::of).ifPresent(builder::region);
    DynamoDbClient client = builder.build();
    try {
      return dynamoDb(
          client,
          prefix,
          "DynamoDB " + (endpoint == null ? "in " + region.orElse("the default region") : endpoint),
          client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private static LocalInventory dynamoDb(
      DynamoDbClient client, String prefix, String description, AutoCloseable resources) {
    DynamoDbTables.ensureExists(client, prefix);
    return new LocalInventory(
        DynamoDbInventoryStore.create(client, prefix),
        DynamoDbSyncRunStore.create(client, prefix),
        DynamoDbCostStore.create(client, prefix),
        new DynamoDbApiKeyStore(client, prefix),
        TokenBuckets.shared(DynamoDbBucketProxyManager.create(client, prefix)),
        description,
        resources);
  }

  InventoryStore store() {
    return store;
  }

  SyncRunStore runs() {
    return runs;
  }

  /** The daily cost rows (table {@code <prefix>costs} beside the inventory). */
  CostStore costs() {
    return costs;
  }

  /**
   * The API keys of {@code serve} (table {@code <prefix>api-keys}), shared with {@code apikeys}.
   */
  ApiKeyStore apiKeys() {
    return apiKeys;
  }

  /**
   * Token buckets beside the store (table {@code <prefix>rate-buckets}): every process on the same
   * DynamoDB endpoint shares them (the embedded database belongs to one process); in memory they
   * are this process's own.
   */
  TokenBuckets buckets() {
    return buckets;
  }

  String describe() {
    return description;
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close the inventory store: " + e.getMessage(), e);
    }
  }
}
