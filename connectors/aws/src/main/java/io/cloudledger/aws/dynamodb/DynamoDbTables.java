package io.cloudledger.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates cloudledger's tables where they are missing, for local use (the CDK app creates them in
 * the cloud from the same {@link CloudledgerTables} definitions): on-demand capacity, TTL enabled,
 * waiting until each is active. Idempotent, and safe when another process creates them at once.
 */
public final class DynamoDbTables {
  private DynamoDbTables() {}

  /** Ensures every table of {@link CloudledgerTables#all()}; returns the names it created. */
  public static List<String> ensureExists(DynamoDbClient client, String tablePrefix) {
    List<String> created = new ArrayList<>();
    for (TableDefinition definition : CloudledgerTables.all()) {
      if (ensureExists(client, tablePrefix, definition)) {
        created.add(definition.tableName(tablePrefix));
      }
    }
    return List.copyOf(created);
  }

  /** Ensures one table; true when this call created it. */
  public static boolean ensureExists(
      DynamoDbClient client, String tablePrefix, TableDefinition definition) {
    String name = definition.tableName(tablePrefix);
    try {
      boolean created = false;
      if (!exists(client, name)) {
        try {
          client.createTable(createRequest(definition, name));
          created = true;
        } catch (ResourceInUseException raced) {
          // Another process created it between our describe and create: fine.
        }
      }
      try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).build()) {
        waiter.waitUntilTableExists(DescribeTableRequest.builder().tableName(name).build());
      }
      if (definition.ttl().isPresent()) {
        enableTtl(client, name, definition.ttl().get());
      }
      return created;
    } catch (SdkException e) {
      throw DynamoDbErrors.map("table setup", name, e);
    }
  }

  private static boolean exists(DynamoDbClient client, String name) {
    try {
      client.describeTable(r -> r.tableName(name));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private static void enableTtl(DynamoDbClient client, String name, String attribute) {
    TimeToLiveStatus status =
        client
            .describeTimeToLive(r -> r.tableName(name))
            .timeToLiveDescription()
            .timeToLiveStatus();
    if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
      client.updateTimeToLive(
          r ->
              r.tableName(name)
                  .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
    }
  }

  static CreateTableRequest createRequest(TableDefinition definition, String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            definition.attributeDefinitions().stream()
                .map(
                    key ->
                        AttributeDefinition.builder()
                            .attributeName(key.name())
                            .attributeType(scalar(key.kind()))
                            .build())
                .toList())
        .keySchema(keySchema(definition.partitionKey(), definition.sortKey()))
        .globalSecondaryIndexes(
            definition.globalIndexes().isEmpty()
                ? null
                : definition.globalIndexes().stream()
                    .map(
                        index ->
                            GlobalSecondaryIndex.builder()
                                .indexName(index.name())
                                .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                                .projection(
                                    Projection.builder()
                                        .projectionType(projection(index.projection()))
                                        .build())
                                .build())
                    .toList())
        .build();
  }

  private static List<KeySchemaElement> keySchema(KeyAttribute partition, KeyAttribute sort) {
    return List.of(
        KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
  }

  static ScalarAttributeType scalar(AttributeKind kind) {
    return switch (kind) {
      case STRING -> ScalarAttributeType.S;
      case NUMBER -> ScalarAttributeType.N;
      case BINARY -> ScalarAttributeType.B;
    };
  }

  static ProjectionType projection(IndexProjection projection) {
    return switch (projection) {
      case ALL -> ProjectionType.ALL;
      case KEYS_ONLY -> ProjectionType.KEYS_ONLY;
    };
  }
}
