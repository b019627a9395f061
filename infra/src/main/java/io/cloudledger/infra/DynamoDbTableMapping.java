package io.cloudledger.infra;

import io.cloudledger.aws.dynamodb.AttributeKind;
import io.cloudledger.aws.dynamodb.GlobalIndex;
import io.cloudledger.aws.dynamodb.IndexProjection;
import io.cloudledger.aws.dynamodb.KeyAttribute;
import io.cloudledger.aws.dynamodb.TableDefinition;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Turns a {@link TableDefinition} (the schema the stores create locally) into a CDK table, so the
 * cloud and the laptop never disagree on keys, indexes or TTL.
 */
final class DynamoDbTableMapping {
  private DynamoDbTableMapping() {}

  /**
   * A table for {@code definition}: on-demand, point-in-time recovery, encrypted with {@code key},
   * deletion-protected and retained when the stack goes (it holds the only copy of the data).
   */
  static Table table(Construct scope, TableDefinition definition, String prefix, IKey key) {
    Table table =
        Table.Builder.create(scope, constructId(definition))
            .tableName(definition.tableName(prefix))
            .partitionKey(attribute(definition.partitionKey()))
            .sortKey(attribute(definition.sortKey()))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .encryption(TableEncryption.CUSTOMER_MANAGED)
            .encryptionKey(key)
            .deletionProtection(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .timeToLiveAttribute(definition.ttl().orElse(null))
            .build();
    for (GlobalIndex index : definition.globalIndexes()) {
      table.addGlobalSecondaryIndex(
          GlobalSecondaryIndexProps.builder()
              .indexName(index.name())
              .partitionKey(attribute(index.partitionKey()))
              .sortKey(attribute(index.sortKey()))
              .projectionType(projection(index.projection()))
              .build());
    }
    return table;
  }

  /** {@code sync-runs} becomes {@code SyncRunsTable}: stable logical ids from the definition. */
  static String constructId(TableDefinition definition) {
    StringBuilder id = new StringBuilder();
    for (String word : definition.nameSuffix().split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return id + "Table";
  }

  private static Attribute attribute(KeyAttribute key) {
    return Attribute.builder().name(key.name()).type(type(key.kind())).build();
  }

  private static AttributeType type(AttributeKind kind) {
    return switch (kind) {
      case STRING -> AttributeType.STRING;
      case NUMBER -> AttributeType.NUMBER;
      case BINARY -> AttributeType.BINARY;
    };
  }

  private static ProjectionType projection(IndexProjection projection) {
    return switch (projection) {
      case ALL -> ProjectionType.ALL;
      case KEYS_ONLY -> ProjectionType.KEYS_ONLY;
    };
  }
}
