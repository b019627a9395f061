package io.cloudledger.core.config;

/**
 * The {@code inventory} section: where resources are stored. Defaults: DynamoDB, table prefix
 * {@code cloudledger-}, the embedded DynamoDB Local; {@code region} is {@link ConfigValue.Unset}
 * unless given.
 */
public record InventoryConfig(
    StoreKind store, ConfigValue tablePrefix, Endpoint endpoint, ConfigValue region) {

  public static final String DEFAULT_TABLE_PREFIX = "cloudledger-";

  /** The inventory store implementation. */
  public enum StoreKind {
    DYNAMODB,
    MEMORY;

    public String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where DynamoDB is: the embedded DynamoDB Local, the region's AWS endpoint, or a URL. */
  public sealed interface Endpoint permits Embedded, AwsDefault, Remote {}

  /** DynamoDB Local under the cloudledger home ({@code endpoint: embedded}, the default). */
  public record Embedded() implements Endpoint {}

  /** The standard DynamoDB endpoint of the region ({@code endpoint: aws}), as in a deployment. */
  public record AwsDefault() implements Endpoint {}

  /** A DynamoDB endpoint URL. */
  public record Remote(ConfigValue url) implements Endpoint {}
}
