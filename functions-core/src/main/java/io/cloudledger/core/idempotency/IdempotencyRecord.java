package io.cloudledger.core.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * One key's record.
 *
 * @param inProgressUntil when an {@code IN_PROGRESS} claim lapses (a crashed worker's claim must
 *     not block the key forever); meaningless once {@code COMPLETED}
 * @param result the stored result of {@code COMPLETED} work (empty while in progress)
 * @param expiresAt when the store may forget the record (TTL)
 */
public record IdempotencyRecord(
    IdempotencyKey key,
    IdempotencyStatus status,
    Instant inProgressUntil,
    String result,
    Instant expiresAt) {

  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(inProgressUntil, "inProgressUntil");
    result = result == null ? "" : result;
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True while this record still blocks other workers from claiming its key at {@code now}. */
  public boolean blocks(Instant now) {
    return status == IdempotencyStatus.COMPLETED || now.isBefore(inProgressUntil);
  }
}
