package io.cloudledger.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A resource as the inventory stores it: the normalized observation, its {@link ContentHasher
 * content hash} and its history.
 *
 * <p>{@code firstSeen} is when this life of the resource was first listed; {@code lastChanged} when
 * its content last changed; {@code lastSeen} when it was last written. Unchanged resources are not
 * rewritten on every run, so stores derive a fresher {@code lastSeen} from the scope records when
 * reading (see {@code ScopeStatus#lastSeen}). {@code deletedAt} is null while the resource exists
 * and set once a complete listing of its scope no longer returned it (a tombstone).
 */
public record Resource(
    Provider provider,
    String accountId,
    String region,
    ResourceType type,
    String resourceId,
    String name,
    ResourceStatus status,
    String rawStatus,
    Map<String, String> tags,
    Map<String, String> metadata,
    String contentHash,
    Instant firstSeen,
    Instant lastSeen,
    Instant lastChanged,
    Instant deletedAt) {

  public Resource {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(accountId, "accountId");
    KeyParts.requireRegion(region);
    Objects.requireNonNull(type, "type");
    KeyParts.requireResourceId(resourceId);
    name = name == null ? "" : name;
    status = status == null ? ResourceStatus.UNKNOWN : status;
    rawStatus = rawStatus == null ? "" : rawStatus;
    tags = StringMaps.sortedCopy(tags, "tags");
    metadata = StringMaps.sortedCopy(metadata, "metadata");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(lastChanged, "lastChanged");
  }

  /**
   * The resource as first written or rewritten after a change: the content of {@code observation}
   * in {@code account}, hashed, seen and changed at {@code now}.
   */
  public static Resource observed(
      AccountKey account,
      ResourceObservation observation,
      String contentHash,
      Instant firstSeen,
      Instant now) {
    return new Resource(
        account.provider(),
        account.accountId(),
        observation.region(),
        observation.type(),
        observation.resourceId(),
        observation.name(),
        observation.status(),
        observation.rawStatus(),
        observation.tags(),
        observation.metadata(),
        contentHash,
        firstSeen,
        now,
        now,
        null);
  }

  /** The partition key of the account this resource belongs to. */
  public AccountKey accountKey() {
    return new AccountKey(provider, accountId);
  }

  /** The sort key of this resource within its account, e.g. {@code vm#us-east-1#i-0abc}. */
  public String resourceKey() {
    return new ResourceKey(type, region, resourceId).value();
  }

  /** Whether the resource has been tombstoned. */
  public boolean deleted() {
    return deletedAt != null;
  }

  /** This resource with a different {@code lastSeen}. */
  public Resource withLastSeen(Instant seen) {
    return new Resource(
        provider,
        accountId,
        region,
        type,
        resourceId,
        name,
        status,
        rawStatus,
        tags,
        metadata,
        contentHash,
        firstSeen,
        seen,
        lastChanged,
        deletedAt);
  }

  /** This resource tombstoned at {@code when}: deleted, and changed then. */
  public Resource tombstoned(Instant when) {
    return new Resource(
        provider,
        accountId,
        region,
        type,
        resourceId,
        name,
        status,
        rawStatus,
        tags,
        metadata,
        contentHash,
        firstSeen,
        lastSeen,
        when,
        when);
  }
}
