package io.cloudledger.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbTest {
  @TempDir Path home;

  @Test
  void dataWrittenInOneOpening_isReadInTheNext() {
    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.open(home)) {
      DynamoDbClient client = db.client();
      client.createTable(
          r ->
              r.tableName("kept-table")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(
                      KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("pk")
                          .attributeType(ScalarAttributeType.S)
                          .build()));
      client.putItem(
          r -> r.tableName("kept-table").item(Map.of("pk", AttributeValue.fromS("kept"))));
    }

    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.open(home)) {
      assertThat(
              db.client()
                  .getItem(
                      r ->
                          r.tableName("kept-table").key(Map.of("pk", AttributeValue.fromS("kept"))))
                  .hasItem())
          .isTrue();
      assertThat(db.describe()).endsWith("cloudledger.db");
    }
    assertThat(home.resolve(EmbeddedDynamoDb.DATABASE_FILE)).exists();
  }
}
