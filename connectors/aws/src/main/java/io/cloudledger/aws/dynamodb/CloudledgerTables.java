package io.cloudledger.aws.dynamodb;

import java.util.List;

/**
 * The definitions of cloudledger's DynamoDB tables, the single source of their schema for the
 * stores and the CDK app.
 */
public final class CloudledgerTables {
  private CloudledgerTables() {}

  /** The partition key of the inventory: the account key, e.g. {@code aws#123456789012}. */
  public static final String ACCOUNT_KEY = "accountKey";

  /**
   * The sort key of the inventory: a resource key ({@code vm#us-east-1#i-0abc}) or, for scope
   * records, {@link #SCOPE_PREFIX} followed by the scope's key.
   */
  public static final String RESOURCE_KEY = "resourceKey";

  /** The partition key of {@link #BY_PROVIDER_TYPE}: {@code <provider>#<type>#<shard>}. */
  public static final String PROVIDER_TYPE_SHARD = "providerTypeShard";

  /** The sort key of {@link #BY_PROVIDER_TYPE}: {@code <accountKey>#<resourceKey>}. */
  public static final String ACCOUNT_RESOURCE = "accountResource";

  /** The TTL attribute (epoch seconds), set on tombstones only. */
  public static final String EXPIRES_AT = "expiresAt";

  /**
   * Where scope records sit in an account's partition. Resource keys start with a lowercase type
   * key, and '~' sorts after every letter, so scope records neither collide with resources nor
   * interleave with them: {@code resourceKey < "~"} selects exactly the resources.
   */
  public static final String SCOPE_PREFIX = "~scope#";

  /** The index that lists one provider's resources of one type across accounts. */
  public static final String BY_PROVIDER_TYPE = "byProviderType";

  /** The partition key of the sync-runs table. */
  public static final String REQUEST_ID = "requestId";

  /** The inventory: one item per resource and one per listed scope, partitioned by account. */
  public static final TableDefinition INVENTORY =
      new TableDefinition(
          "inventory",
          KeyAttribute.string(ACCOUNT_KEY),
          KeyAttribute.string(RESOURCE_KEY),
          List.of(
              new GlobalIndex(
                  BY_PROVIDER_TYPE,
                  KeyAttribute.string(PROVIDER_TYPE_SHARD),
                  KeyAttribute.string(ACCOUNT_RESOURCE),
                  IndexProjection.ALL)),
          EXPIRES_AT);

  /** The sync runs: one item per (request id, account), expiring after a retention period. */
  public static final TableDefinition SYNC_RUNS =
      new TableDefinition(
          "sync-runs",
          KeyAttribute.string(REQUEST_ID),
          KeyAttribute.string(ACCOUNT_KEY),
          List.of(),
          EXPIRES_AT);

  /** The sort key of the sync-requests table: an account key, or {@link #REQUEST_ITEM}. */
  public static final String ITEM_KEY = "itemKey";

  /** The sort key of a request's accepted-accounts item; '~' sorts after every account key. */
  public static final String REQUEST_ITEM = "~request";

  /**
   * Sync requests: per request id, one idempotency record per account (IN_PROGRESS or COMPLETED)
   * and one {@link #REQUEST_ITEM} listing the accounts it was fanned out to; all expire by TTL.
   */
  public static final TableDefinition SYNC_REQUESTS =
      new TableDefinition(
          "sync-requests",
          KeyAttribute.string(REQUEST_ID),
          KeyAttribute.string(ITEM_KEY),
          List.of(),
          EXPIRES_AT);

  /**
   * The sort key of the cost table: {@code <date>#<service>}, e.g. {@code 2026-03-01#AWS Lambda}.
   */
  public static final String DATE_SERVICE = "dateService";

  /** The partition key of {@link #COSTS_BY_DATE}: the day, e.g. {@code 2026-03-01}. */
  public static final String COST_DATE = "costDate";

  /** The sort key of {@link #COSTS_BY_DATE}: {@code <accountKey>#<service>}. */
  public static final String ACCOUNT_SERVICE = "accountService";

  /** The index that lists one day's cost rows across accounts, for reports. */
  public static final String COSTS_BY_DATE = "byDate";

  /**
   * Daily costs: one item per (account, date, service), partitioned by account; each expires {@code
   * DynamoDbCostStore.RETENTION} after its day.
   */
  public static final TableDefinition COSTS =
      new TableDefinition(
          "costs",
          KeyAttribute.string(ACCOUNT_KEY),
          KeyAttribute.string(DATE_SERVICE),
          List.of(
              new GlobalIndex(
                  COSTS_BY_DATE,
                  KeyAttribute.string(COST_DATE),
                  KeyAttribute.string(ACCOUNT_SERVICE),
                  IndexProjection.ALL)),
          EXPIRES_AT);

  /** The partition key of the API keys table: the key's public id. */
  public static final String KEY_ID = "keyId";

  /** The sort key value of an API key record (the table keeps one item per key id). */
  public static final String API_KEY_ITEM = "key";

  /** The partition key of {@link #API_KEYS_BY_NAME}: the key's name. */
  public static final String KEY_NAME = "keyName";

  /** The index that finds API keys by name, for revocation. */
  public static final String API_KEYS_BY_NAME = "byName";

  /**
   * API keys of the product's own HTTP trigger ({@code cloudledger serve}): one item per key id
   * holding the key's Argon2id hash, never the key, so every instance sees the same keys.
   */
  public static final TableDefinition API_KEYS =
      new TableDefinition(
          "api-keys",
          KeyAttribute.string(KEY_ID),
          KeyAttribute.string(ITEM_KEY),
          List.of(
              new GlobalIndex(
                  API_KEYS_BY_NAME,
                  KeyAttribute.string(KEY_NAME),
                  KeyAttribute.string(KEY_ID),
                  IndexProjection.ALL)),
          "");

  /** The partition key of the rate-buckets table: the bucket's name. */
  public static final String BUCKET_KEY = "bucketKey";

  /** The sort key value of a bucket's state (the table keeps one item per bucket). */
  public static final String BUCKET_ITEM = "state";

  /**
   * Token buckets shared by every instance (the trigger's rate limits, the workers' API budgets):
   * one item per bucket holding Bucket4j's serialized state, replaced by conditional writes; an
   * idle bucket expires by TTL once it would have refilled completely.
   */
  public static final TableDefinition RATE_BUCKETS =
      new TableDefinition(
          "rate-buckets",
          KeyAttribute.string(BUCKET_KEY),
          KeyAttribute.string(ITEM_KEY),
          List.of(),
          EXPIRES_AT);

  /** Every table a deployment needs. */
  public static List<TableDefinition> all() {
    return List.of(INVENTORY, SYNC_RUNS, SYNC_REQUESTS, COSTS, API_KEYS, RATE_BUCKETS);
  }
}
