package io.cloudledger.core.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * Marks a stored resource deleted: the store sets {@code deletedAt} (and {@code lastChanged}) to
 * {@code deletedAt}, raises {@code lastSeen} to {@code lastSeen} when that is later, and lets the
 * item expire at {@code expiresAtEpochSecond} (DynamoDB TTL). Everything else stays as stored.
 *
 * @param lastSeen the last complete listing known to have returned the resource, or null when
 *     unknown
 */
public record Tombstone(
    String resourceKey, Instant deletedAt, long expiresAtEpochSecond, Instant lastSeen) {

  public Tombstone {
    Objects.requireNonNull(resourceKey, "resourceKey");
    Objects.requireNonNull(deletedAt, "deletedAt");
    if (expiresAtEpochSecond < deletedAt.getEpochSecond()) {
      throw new IllegalArgumentException(
          "tombstone of " + resourceKey + " would expire before it was deleted");
    }
  }
}
