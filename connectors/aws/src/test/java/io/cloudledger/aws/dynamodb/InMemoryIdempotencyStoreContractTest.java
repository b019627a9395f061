package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.idempotency.IdempotencyStore;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;

/** The idempotency contract against the in-memory store, so both behave alike. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContract {

  @Override
  IdempotencyStore newStore() {
    return new InMemoryIdempotencyStore(clock);
  }
}
