package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.inventory.InventoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The contract against DynamoDB Local through the real SDK, fresh tables per test. */
@ExtendWith(DynamoDbLocal.class)
class DynamoDbInventoryStoreContractTest extends InventoryStoreContract {
  private DynamoDbClient client;

  @Override
  InventoryStore newStore(MutableClock clock) {
    client = DynamoDbLocal.client();
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    return DynamoDbInventoryStore.builder().client(client).tablePrefix(prefix).clock(clock).build();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }
}
