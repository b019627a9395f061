package io.cloudledger.aws.dynamodb;

/** Which attributes a global secondary index copies from the table. */
public enum IndexProjection {
  /** Every attribute: a query on the index needs no read of the table. */
  ALL,
  /** Only the table's and the index's keys. */
  KEYS_ONLY
}
