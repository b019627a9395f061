/**
 * Idempotent processing of redelivered work: a key is processed at most once to completion, over
 * the small {@link io.cloudledger.core.idempotency.IdempotencyStore} port.
 */
package io.cloudledger.core.idempotency;
