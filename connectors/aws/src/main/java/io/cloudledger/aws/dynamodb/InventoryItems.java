package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.ACCOUNT_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.ACCOUNT_RESOURCE;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.EXPIRES_AT;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.PROVIDER_TYPE_SHARD;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.RESOURCE_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.SCOPE_PREFIX;

import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.inventory.StoredHash;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item encoding of the inventory table: one attribute per resource field (tags and metadata as
 * maps, instants as fixed-width ISO-8601 strings), empty values left out to keep items small, and
 * the provider/type index keys. Scope records share the partition under {@link
 * CloudledgerTables#SCOPE_PREFIX}.
 */
final class InventoryItems {
  private InventoryItems() {}

  static final String PROVIDER = "provider";
  static final String ACCOUNT_ID = "accountId";
  static final String REGION = "region";
  static final String TYPE = "type";
  static final String RESOURCE_ID = "resourceId";
  static final String NAME = "name";
  static final String STATUS = "status";
  static final String RAW_STATUS = "rawStatus";
  static final String TAGS = "tags";
  static final String METADATA = "metadata";
  static final String CONTENT_HASH = "contentHash";
  static final String FIRST_SEEN = "firstSeen";
  static final String LAST_SEEN = "lastSeen";
  static final String LAST_CHANGED = "lastChanged";
  static final String DELETED_AT = "deletedAt";

  static final String LAST_LISTED_AT = "lastListedAt";
  static final String REASON = "reason";
  static final String ITEM_COUNT = "itemCount";
  static final String LAST_COMPLETE_AT = "lastCompleteAt";

  /** The whole item of a resource; a put of it replaces any tombstone and expiry. */
  static Map<String, AttributeValue> resourceItem(Resource resource, ProviderTypeShards shards) {
    AccountKey account = resource.accountKey();
    String resourceKey = resource.resourceKey();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ACCOUNT_KEY, s(account.value()));
    item.put(RESOURCE_KEY, s(resourceKey));
    item.put(PROVIDER_TYPE_SHARD, s(shards.partitionOf(account, resource.type(), resourceKey)));
    item.put(ACCOUNT_RESOURCE, s(ProviderTypeShards.sortKey(account, resourceKey)));
    item.put(PROVIDER, s(resource.provider().prefix()));
    item.put(ACCOUNT_ID, s(resource.accountId()));
    item.put(REGION, s(resource.region()));
    item.put(TYPE, s(resource.type().key()));
    item.put(RESOURCE_ID, s(resource.resourceId()));
    putIfNotEmpty(item, NAME, resource.name());
    item.put(STATUS, s(resource.status().name()));
    putIfNotEmpty(item, RAW_STATUS, resource.rawStatus());
    putIfNotEmpty(item, TAGS, resource.tags());
    putIfNotEmpty(item, METADATA, resource.metadata());
    item.put(CONTENT_HASH, s(resource.contentHash()));
    item.put(FIRST_SEEN, instant(resource.firstSeen()));
    item.put(LAST_SEEN, instant(resource.lastSeen()));
    item.put(LAST_CHANGED, instant(resource.lastChanged()));
    if (resource.deletedAt() != null) {
      item.put(DELETED_AT, instant(resource.deletedAt()));
    }
    return item;
  }

  static Resource resource(Map<String, AttributeValue> item) {
    return new Resource(
        Provider.fromPrefix(string(item, PROVIDER)),
        string(item, ACCOUNT_ID),
        string(item, REGION),
        ResourceType.fromKey(string(item, TYPE)),
        string(item, RESOURCE_ID),
        optionalString(item, NAME),
        ResourceStatus.valueOf(string(item, STATUS)),
        optionalString(item, RAW_STATUS),
        map(item, TAGS),
        map(item, METADATA),
        string(item, CONTENT_HASH),
        instant(item, FIRST_SEEN),
        instant(item, LAST_SEEN),
        instant(item, LAST_CHANGED),
        optionalInstant(item, DELETED_AT));
  }

  static StoredHash storedHash(Map<String, AttributeValue> item) {
    return new StoredHash(
        string(item, RESOURCE_KEY),
        string(item, CONTENT_HASH),
        instant(item, FIRST_SEEN),
        item.containsKey(DELETED_AT));
  }

  /** Whether DynamoDB's TTL may delete the item by now (it does so lazily, so reads skip it). */
  static boolean expired(Map<String, AttributeValue> item, Instant now) {
    AttributeValue expiresAt = item.get(EXPIRES_AT);
    return expiresAt != null && Long.parseLong(expiresAt.n()) <= now.getEpochSecond();
  }

  static String scopeSortKey(Scope scope) {
    return SCOPE_PREFIX + scope.key();
  }

  static Map<String, AttributeValue> scopeItem(AccountKey account, ScopeStatus status) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ACCOUNT_KEY, s(account.value()));
    item.put(RESOURCE_KEY, s(scopeSortKey(status.scope())));
    item.put(REGION, s(status.scope().region()));
    item.put(TYPE, s(status.scope().type().key()));
    item.put(LAST_LISTED_AT, instant(status.lastListedAt()));
    item.put(STATUS, s(status.status().name()));
    putIfNotEmpty(item, REASON, status.reason());
    item.put(ITEM_COUNT, AttributeValue.fromN(Long.toString(status.itemCount())));
    if (status.lastCompleteAt() != null) {
      item.put(LAST_COMPLETE_AT, instant(status.lastCompleteAt()));
    }
    return item;
  }

  static ScopeStatus scopeStatus(Map<String, AttributeValue> item) {
    return new ScopeStatus(
        Scope.of(string(item, REGION), ResourceType.fromKey(string(item, TYPE))),
        instant(item, LAST_LISTED_AT),
        ListingStatus.valueOf(string(item, STATUS)),
        optionalString(item, REASON),
        Long.parseLong(item.get(ITEM_COUNT).n()),
        optionalInstant(item, LAST_COMPLETE_AT));
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue instant(Instant value) {
    return AttributeValue.fromS(Timestamps.format(value));
  }

  private static void putIfNotEmpty(Map<String, AttributeValue> item, String name, String value) {
    if (!value.isEmpty()) {
      item.put(name, s(value));
    }
  }

  private static void putIfNotEmpty(
      Map<String, AttributeValue> item, String name, Map<String, String> values) {
    if (!values.isEmpty()) {
      Map<String, AttributeValue> map = new HashMap<>();
      values.forEach((key, value) -> map.put(key, s(value)));
      item.put(name, AttributeValue.fromM(map));
    }
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.s() == null) {
      throw new IllegalStateException(
          "inventory item "
              + describe(item)
              + " has no string attribute '"
              + name
              + "': written by an incompatible version?");
    }
    return value.s();
  }

  private static String optionalString(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? "" : value.s();
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    return Timestamps.parse(string(item, name));
  }

  private static Instant optionalInstant(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : Timestamps.parse(value.s());
  }

  private static Map<String, String> map(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || !value.hasM()) {
      return Map.of();
    }
    Map<String, String> result = new TreeMap<>();
    value.m().forEach((key, entry) -> result.put(key, entry.s()));
    return result;
  }

  /** The item's keys, which never hold secrets; other attributes are not echoed into errors. */
  private static String describe(Map<String, AttributeValue> item) {
    AttributeValue account = item.get(ACCOUNT_KEY);
    AttributeValue key = item.get(RESOURCE_KEY);
    return (account == null ? "?" : account.s()) + "/" + (key == null ? "?" : key.s());
  }
}
