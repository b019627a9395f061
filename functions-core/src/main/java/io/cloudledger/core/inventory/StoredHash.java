package io.cloudledger.core.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * The projection of one stored resource that a sync needs to diff: its content hash, when this life
 * of it was first seen (kept on rewrite) and whether it is tombstoned.
 */
public record StoredHash(
    String resourceKey, String contentHash, Instant firstSeen, boolean deleted) {

  public StoredHash {
    Objects.requireNonNull(resourceKey, "resourceKey");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(firstSeen, "firstSeen");
  }
}
