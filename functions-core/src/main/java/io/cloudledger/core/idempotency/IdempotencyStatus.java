package io.cloudledger.core.idempotency;

/** The state of an idempotency record. */
public enum IdempotencyStatus {
  /** A worker claimed the key and has not finished; the claim lapses at its expiry. */
  IN_PROGRESS,
  /** The work finished; its result is stored. */
  COMPLETED
}
