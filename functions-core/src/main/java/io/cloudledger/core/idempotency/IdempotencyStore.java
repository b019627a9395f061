package io.cloudledger.core.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where idempotency records live (port). Implementations must make {@link #tryClaim} a single
 * conditional write, so two concurrent deliveries can never both acquire a key.
 */
public interface IdempotencyStore {

  /**
   * Writes {@code IN_PROGRESS} for {@code key} unless a record exists that still blocks at {@code
   * now} (completed, or in progress until after {@code now}); then returns that record instead.
   */
  Claim tryClaim(IdempotencyKey key, Instant now, Instant inProgressUntil, Instant expiresAt);

  /** Marks {@code key} completed with {@code result}, kept until {@code expiresAt}. */
  void complete(IdempotencyKey key, String result, Instant expiresAt);

  /** Removes the claim on {@code key} after failed work, so a retry can run at once. */
  void release(IdempotencyKey key);

  Optional<IdempotencyRecord> find(IdempotencyKey key);

  /** Every record of {@code group}, ordered by id. */
  List<IdempotencyRecord> findGroup(String group);
}
