package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventoryStore;

/** The contract against the reference implementation, so the contract itself is checked. */
class InMemoryInventoryStoreContractTest extends InventoryStoreContract {

  @Override
  InventoryStore newStore(MutableClock clock) {
    return new InMemoryInventoryStore(clock);
  }
}
