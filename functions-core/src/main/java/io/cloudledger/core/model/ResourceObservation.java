package io.cloudledger.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One resource as a connector saw it in a listing, normalized but without account, timestamps or
 * hash: the sync engine adds those. {@code name} and {@code rawStatus} may be empty, never null
 * (null is read as empty); tags and metadata are copied into sorted immutable maps.
 */
public record ResourceObservation(
    ResourceType type,
    String region,
    String resourceId,
    String name,
    ResourceStatus status,
    String rawStatus,
    Map<String, String> tags,
    Map<String, String> metadata) {

  public ResourceObservation {
    Objects.requireNonNull(type, "type");
    KeyParts.requireRegion(region);
    KeyParts.requireResourceId(resourceId);
    name = name == null ? "" : name;
    status = status == null ? ResourceStatus.UNKNOWN : status;
    rawStatus = rawStatus == null ? "" : rawStatus;
    tags = StringMaps.sortedCopy(tags, "tags");
    metadata = StringMaps.sortedCopy(metadata, "metadata");
  }

  /** The key this resource is stored under within its account. */
  public ResourceKey key() {
    return new ResourceKey(type, region, resourceId);
  }

  /** The stored form of {@link #key()}. */
  public String resourceKey() {
    return key().value();
  }
}
