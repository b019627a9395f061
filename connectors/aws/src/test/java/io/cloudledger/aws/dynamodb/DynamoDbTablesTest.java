package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(DynamoDbLocal.class)
class DynamoDbTablesTest {
  private final DynamoDbClient client = DynamoDbLocal.client();

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void ensureExists_createsMissingTablesOnce_thenChangesNothing() {
    String prefix = DynamoDbLocal.freshPrefix();

    List<String> first = DynamoDbTables.ensureExists(client, prefix);
    List<String> second = DynamoDbTables.ensureExists(client, prefix);

    assertThat(first)
        .containsExactly(
            prefix + "inventory",
            prefix + "sync-runs",
            prefix + "sync-requests",
            prefix + "costs",
            prefix + "api-keys",
            prefix + "rate-buckets");
    assertThat(second).isEmpty();
  }

  @Test
  void createdTables_matchTheSharedDefinitions() {
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);

    for (TableDefinition definition : CloudledgerTables.all()) {
      String name = definition.tableName(prefix);
      TableDescription table = client.describeTable(r -> r.tableName(name)).table();

      assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
      assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(table.keySchema())
          .containsExactly(
              key(definition.partitionKey(), KeyType.HASH),
              key(definition.sortKey(), KeyType.RANGE));
      assertThat(table.attributeDefinitions())
          .extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
          .containsExactlyInAnyOrderElementsOf(
              definition.attributeDefinitions().stream()
                  .map(a -> a.name() + ":" + DynamoDbTables.scalar(a.kind()))
                  .toList());
      assertThat(table.globalSecondaryIndexes())
          .extracting(GlobalSecondaryIndexDescription::indexName)
          .containsExactlyInAnyOrderElementsOf(
              definition.globalIndexes().stream().map(GlobalIndex::name).toList());
      for (GlobalIndex index : definition.globalIndexes()) {
        GlobalSecondaryIndexDescription described =
            table.globalSecondaryIndexes().stream()
                .filter(gsi -> gsi.indexName().equals(index.name()))
                .findFirst()
                .orElseThrow();
        assertThat(described.keySchema())
            .containsExactly(
                key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE));
        assertThat(described.projection().projectionType())
            .isEqualTo(DynamoDbTables.projection(index.projection()));
      }
      TimeToLiveDescription ttl =
          client.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
      if (definition.ttl().isPresent()) {
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo(definition.ttlAttribute());
      } else {
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
      }
    }
  }

  @Test
  void inventoryDefinition_isTheDocumentedDesign() {
    TableDefinition inventory = CloudledgerTables.INVENTORY;

    assertThat(inventory.tableName("cloudledger-")).isEqualTo("cloudledger-inventory");
    assertThat(inventory.partitionKey()).isEqualTo(KeyAttribute.string("accountKey"));
    assertThat(inventory.sortKey()).isEqualTo(KeyAttribute.string("resourceKey"));
    assertThat(inventory.ttl()).contains("expiresAt");
    assertThat(CloudledgerTables.SYNC_RUNS.partitionKey())
        .isEqualTo(KeyAttribute.string("requestId"));
  }

  private static KeySchemaElement key(KeyAttribute attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute.name()).keyType(type).build();
  }
}
