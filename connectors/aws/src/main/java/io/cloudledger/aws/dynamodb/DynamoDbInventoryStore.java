package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.CloudledgerTables.ACCOUNT_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.ACCOUNT_RESOURCE;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.BY_PROVIDER_TYPE;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.EXPIRES_AT;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.PROVIDER_TYPE_SHARD;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.RESOURCE_KEY;
import static io.cloudledger.aws.dynamodb.CloudledgerTables.SCOPE_PREFIX;

import io.cloudledger.core.inventory.ChangeSet;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.inventory.StoredHash;
import io.cloudledger.core.inventory.Tombstone;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link InventoryStore} on DynamoDB (table {@code <prefix>inventory}, see {@link
 * CloudledgerTables#INVENTORY}). Puts go out in {@code BatchWriteItem} calls of 25, several in
 * flight; tombstones are conditional updates; reads are paged queries of one partition, or of the
 * sharded provider/type index merged in key order. It behaves like {@link
 * io.cloudledger.core.inventory.InMemoryInventoryStore}, including hiding tombstones whose TTL has
 * passed but which DynamoDB has not yet deleted.
 */
public final class DynamoDbInventoryStore implements InventoryStore {
  private static final int INDEX_PAGE_SIZE = 500;

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final ProviderTypeShards shards;
  private final int tombstoneParallelism;
  private final StoreCounters counters = new StoreCounters();
  private final BatchWriter writer;

  private DynamoDbInventoryStore(Builder builder) {
    this.client = Objects.requireNonNull(builder.client, "client");
    this.table = CloudledgerTables.INVENTORY.tableName(builder.tablePrefix);
    this.clock = builder.clock;
    this.shards = new ProviderTypeShards(builder.shardCount);
    this.tombstoneParallelism = builder.tombstoneParallelism;
    this.writer =
        new BatchWriter(client, table, counters, builder.batchRetry, builder.batchParallelism);
  }

  /** A store on {@code <tablePrefix>inventory} with the default settings. */
  public static DynamoDbInventoryStore create(DynamoDbClient client, String tablePrefix) {
    return builder().client(client).tablePrefix(tablePrefix).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The table this store reads and writes. */
  public String tableName() {
    return table;
  }

  /** What the store has done so far. */
  public DynamoDbStoreMetrics metrics() {
    return counters.snapshot();
  }

  @Override
  public Map<String, StoredHash> hashes(AccountKey account) {
    Instant now = clock.instant();
    Map<String, StoredHash> hashes = new HashMap<>();
    // resourceKey < "~scope#" leaves the scope records out without reading them.
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND #sk < :scopes")
            .projectionExpression("#sk, #hash, #first, #deleted, #expires")
            .expressionAttributeNames(
                Map.of(
                    "#pk",
                    ACCOUNT_KEY,
                    "#sk",
                    RESOURCE_KEY,
                    "#hash",
                    InventoryItems.CONTENT_HASH,
                    "#first",
                    InventoryItems.FIRST_SEEN,
                    "#deleted",
                    InventoryItems.DELETED_AT,
                    "#expires",
                    EXPIRES_AT))
            .expressionAttributeValues(
                Map.of(":pk", InventoryItems.s(account.value()), ":scopes", s(SCOPE_PREFIX)))
            .build();
    new PagedQuery(client, request, counters)
        .forEachRemaining(
            item -> {
              if (!InventoryItems.expired(item, now)) {
                StoredHash hash = InventoryItems.storedHash(item);
                hashes.put(hash.resourceKey(), hash);
              }
            });
    return hashes;
  }

  @Override
  public void apply(ChangeSet changes) {
    // A key twice in one BatchWriteItem is a validation error; the last put wins, as in memory.
    Map<String, Resource> puts = new LinkedHashMap<>();
    changes.puts().forEach(resource -> puts.put(resource.resourceKey(), resource));
    writer.putAll(
        puts.values().stream()
            .map(resource -> InventoryItems.resourceItem(resource, shards))
            .toList());
    Map<String, Tombstone> tombstones = new LinkedHashMap<>();
    changes.tombstones().forEach(tombstone -> tombstones.put(tombstone.resourceKey(), tombstone));
    Concurrently.forEach(
        List.copyOf(tombstones.values()),
        tombstoneParallelism,
        tombstone -> tombstone(changes.account(), tombstone));
  }

  /**
   * Marks an existing item deleted. The condition makes a missing item a no-op instead of creating
   * a fragment. {@code lastSeen} is raised only when the tombstone's is later: DynamoDB has no
   * max(), so the first call sets it on condition that the stored one is not later (fixed-width
   * timestamps compare as strings) and a second call without it follows in the rare case it is (the
   * scope's last listing was partial after the resource last changed).
   */
  private void tombstone(AccountKey account, Tombstone tombstone) {
    Map<String, String> names = new HashMap<>();
    names.put("#sk", RESOURCE_KEY);
    names.put("#deleted", InventoryItems.DELETED_AT);
    names.put("#changed", InventoryItems.LAST_CHANGED);
    names.put("#expires", EXPIRES_AT);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":deleted", InventoryItems.instant(tombstone.deletedAt()));
    values.put(":expires", AttributeValue.fromN(Long.toString(tombstone.expiresAtEpochSecond())));
    String set = "SET #deleted = :deleted, #changed = :deleted, #expires = :expires";
    if (tombstone.lastSeen() != null) {
      Map<String, String> withSeen = new HashMap<>(names);
      withSeen.put("#seen", InventoryItems.LAST_SEEN);
      Map<String, AttributeValue> seenValues = new HashMap<>(values);
      seenValues.put(":seen", InventoryItems.instant(tombstone.lastSeen()));
      if (update(
          account,
          tombstone,
          set + ", #seen = :seen",
          "attribute_exists(#sk) AND #seen <= :seen",
          withSeen,
          seenValues)) {
        return;
      }
    }
    update(account, tombstone, set, "attribute_exists(#sk)", names, values);
  }

  /** One conditional update; false when the condition failed. */
  private boolean update(
      AccountKey account,
      Tombstone tombstone,
      String expression,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    UpdateItemRequest request =
        UpdateItemRequest.builder()
            .tableName(table)
            .key(Map.of(ACCOUNT_KEY, s(account.value()), RESOURCE_KEY, s(tombstone.resourceKey())))
            .updateExpression(expression)
            .conditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
            .build();
    try {
      UpdateItemResponse response = client.updateItem(request);
      counters.update(true, response.consumedCapacity());
      return true;
    } catch (ConditionalCheckFailedException e) {
      counters.update(false, null);
      return false;
    } catch (SdkException e) {
      throw DynamoDbErrors.map("UpdateItem", table, e);
    }
  }

  @Override
  public List<ScopeStatus> scopes(AccountKey account) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :scopes)")
            .expressionAttributeNames(Map.of("#pk", ACCOUNT_KEY, "#sk", RESOURCE_KEY))
            .expressionAttributeValues(
                Map.of(":pk", s(account.value()), ":scopes", s(SCOPE_PREFIX)))
            .build();
    List<ScopeStatus> statuses = new ArrayList<>();
    new PagedQuery(client, request, counters)
        .forEachRemaining(item -> statuses.add(InventoryItems.scopeStatus(item)));
    statuses.sort(Comparator.comparing(ScopeStatus::scope));
    return List.copyOf(statuses);
  }

  @Override
  public void saveScopes(AccountKey account, List<ScopeStatus> statuses) {
    Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    for (ScopeStatus status : statuses) {
      items.put(
          InventoryItems.scopeSortKey(status.scope()), InventoryItems.scopeItem(account, status));
    }
    writer.putAll(List.copyOf(items.values()));
  }

  /**
   * Pages lazily: with accounts given, their partitions in key order (one query per requested type,
   * by key prefix); otherwise the provider/type index, every shard of every selected (provider,
   * type) read in parallel and merged by key. Expired tombstones are skipped like deleted ones.
   */
  @Override
  public Stream<Resource> query(InventoryQuery query) {
    Instant now = clock.instant();
    Iterator<Map<String, AttributeValue>> items =
        query.accounts().isEmpty() ? indexItems(query) : partitionItems(query);
    Map<AccountKey, List<ScopeStatus>> scopesByAccount = new ConcurrentHashMap<>();
    return stream(items)
        .filter(item -> !InventoryItems.expired(item, now))
        .map(InventoryItems::resource)
        .filter(query::matches)
        .map(
            resource ->
                resource.withLastSeen(
                    ScopeStatus.lastSeen(
                        resource,
                        scopesByAccount.computeIfAbsent(resource.accountKey(), this::scopes))));
  }

  private Iterator<Map<String, AttributeValue>> partitionItems(InventoryQuery query) {
    List<AccountKey> accounts = query.accounts().stream().filter(query::selects).sorted().toList();
    List<String> typePrefixes =
        query.types().stream().map(type -> type.key() + AccountKey.SEPARATOR).sorted().toList();
    // Stream.flatMap would buffer a whole partition behind an iterator; this pages instead.
    List<Supplier<PagedQuery>> parts = new ArrayList<>();
    for (AccountKey account : accounts) {
      if (typePrefixes.isEmpty()) {
        parts.add(() -> partition(account, "#sk < :bound", SCOPE_PREFIX));
      }
      for (String prefix : typePrefixes) {
        parts.add(() -> partition(account, "begins_with(#sk, :bound)", prefix));
      }
    }
    return new Concatenation(parts);
  }

  /** The items of several queries one after the other, each started only when reached. */
  private static final class Concatenation implements Iterator<Map<String, AttributeValue>> {
    private final Iterator<Supplier<PagedQuery>> parts;
    private Iterator<Map<String, AttributeValue>> current = Collections.emptyIterator();

    Concatenation(List<Supplier<PagedQuery>> parts) {
      this.parts = parts.iterator();
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && parts.hasNext()) {
        current = parts.next().get();
      }
      return current.hasNext();
    }

    @Override
    public Map<String, AttributeValue> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }

  private PagedQuery partition(AccountKey account, String sortKeyCondition, String bound) {
    return new PagedQuery(
        client,
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND " + sortKeyCondition)
            .expressionAttributeNames(Map.of("#pk", ACCOUNT_KEY, "#sk", RESOURCE_KEY))
            .expressionAttributeValues(Map.of(":pk", s(account.value()), ":bound", s(bound)))
            .build(),
        counters);
  }

  private Iterator<Map<String, AttributeValue>> indexItems(InventoryQuery query) {
    Set<Provider> providers =
        query.providers().isEmpty() ? EnumSet.allOf(Provider.class) : query.providers();
    Set<ResourceType> types =
        query.types().isEmpty() ? EnumSet.allOf(ResourceType.class) : query.types();
    List<PagedQuery> shardQueries = new ArrayList<>();
    for (Provider provider : providers) {
      for (ResourceType type : types) {
        for (int shard = 0; shard < shards.count(); shard++) {
          shardQueries.add(
              new PagedQuery(
                  client,
                  QueryRequest.builder()
                      .tableName(table)
                      .indexName(BY_PROVIDER_TYPE)
                      .keyConditionExpression("#pk = :pk")
                      .expressionAttributeNames(Map.of("#pk", PROVIDER_TYPE_SHARD))
                      .expressionAttributeValues(
                          Map.of(":pk", s(shards.partition(provider, type, shard))))
                      .limit(INDEX_PAGE_SIZE)
                      .build(),
                  counters));
        }
      }
    }
    return new SortedMerge(shardQueries, item -> item.get(ACCOUNT_RESOURCE).s());
  }

  private static <T> Stream<T> stream(Iterator<T> iterator) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static AttributeValue s(String value) {
    return InventoryItems.s(value);
  }

  /** Options of a {@link DynamoDbInventoryStore}. */
  public static final class Builder {
    private DynamoDbClient client;
    private String tablePrefix = "cloudledger-";
    private Clock clock = Clock.systemUTC();
    private int shardCount = 8;
    private int batchParallelism = 6;
    private int tombstoneParallelism = 8;
    private BatchRetry batchRetry = BatchRetry.defaults();

    private Builder() {}

    /** The client to use; the caller owns it (and closes it). */
    public Builder client(DynamoDbClient client) {
      this.client = client;
      return this;
    }

    /** Prepended to {@code inventory}; default {@code cloudledger-}. */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** The clock expiry of tombstones is judged by; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Shards per (provider, type) in the index; default 8. All readers and writers must agree. */
    public Builder shardCount(int count) {
      this.shardCount = count;
      return this;
    }

    /** {@code BatchWriteItem} calls in flight per change set; default 6. */
    public Builder batchParallelism(int parallelism) {
      this.batchParallelism = requirePositive(parallelism, "batchParallelism");
      return this;
    }

    /** Tombstone updates in flight per change set; default 8. */
    public Builder tombstoneParallelism(int parallelism) {
      this.tombstoneParallelism = requirePositive(parallelism, "tombstoneParallelism");
      return this;
    }

    public Builder batchRetry(BatchRetry retry) {
      this.batchRetry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public DynamoDbInventoryStore build() {
      return new DynamoDbInventoryStore(this);
    }

    private static int requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
