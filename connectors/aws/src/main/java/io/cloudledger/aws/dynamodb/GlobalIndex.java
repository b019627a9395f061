package io.cloudledger.aws.dynamodb;

import java.util.Objects;

/** A global secondary index of a {@link TableDefinition}. */
public record GlobalIndex(
    String name, KeyAttribute partitionKey, KeyAttribute sortKey, IndexProjection projection) {

  public GlobalIndex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
    Objects.requireNonNull(projection, "projection");
  }
}
