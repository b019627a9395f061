package io.cloudledger.aws.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema of one DynamoDB table as plain values, so the store (which creates missing tables for
 * local use) and the CDK app (which defines them in the cloud) build the very same table.
 *
 * @param nameSuffix appended to the deployment's table prefix, e.g. {@code inventory}
 * @param ttlAttribute the number attribute DynamoDB expires items by, or empty for no TTL
 */
public record TableDefinition(
    String nameSuffix,
    KeyAttribute partitionKey,
    KeyAttribute sortKey,
    List<GlobalIndex> globalIndexes,
    String ttlAttribute) {

  public TableDefinition {
    Objects.requireNonNull(nameSuffix, "nameSuffix");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
    globalIndexes = List.copyOf(globalIndexes);
    ttlAttribute = ttlAttribute == null ? "" : ttlAttribute;
    Map<String, AttributeKind> kinds = new LinkedHashMap<>();
    for (KeyAttribute key : keyAttributes(partitionKey, sortKey, globalIndexes)) {
      AttributeKind previous = kinds.putIfAbsent(key.name(), key.kind());
      if (previous != null && previous != key.kind()) {
        throw new IllegalArgumentException(
            "table "
                + nameSuffix
                + " uses key attribute "
                + key.name()
                + " as both "
                + previous
                + " and "
                + key.kind());
      }
    }
  }

  /** The table's name in a deployment, e.g. {@code cloudledger-inventory}. */
  public String tableName(String prefix) {
    return prefix + nameSuffix;
  }

  /** The TTL attribute, when the table has one. */
  public Optional<String> ttl() {
    return ttlAttribute.isEmpty() ? Optional.empty() : Optional.of(ttlAttribute);
  }

  /**
   * Every attribute that is a key of the table or of an index, once each: DynamoDB wants exactly
   * these declared.
   */
  public List<KeyAttribute> attributeDefinitions() {
    Map<String, KeyAttribute> distinct = new LinkedHashMap<>();
    for (KeyAttribute key : keyAttributes(partitionKey, sortKey, globalIndexes)) {
      distinct.putIfAbsent(key.name(), key);
    }
    return List.copyOf(distinct.values());
  }

  private static List<KeyAttribute> keyAttributes(
      KeyAttribute partitionKey, KeyAttribute sortKey, List<GlobalIndex> indexes) {
    List<KeyAttribute> keys = new ArrayList<>(List.of(partitionKey, sortKey));
    for (GlobalIndex index : indexes) {
      keys.add(index.partitionKey());
      keys.add(index.sortKey());
    }
    return keys;
  }
}
