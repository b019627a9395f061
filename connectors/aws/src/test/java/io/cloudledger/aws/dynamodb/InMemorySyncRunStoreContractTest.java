package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncRunStore;

class InMemorySyncRunStoreContractTest extends SyncRunStoreContract {

  @Override
  SyncRunStore newStore() {
    return new InMemorySyncRunStore();
  }
}
