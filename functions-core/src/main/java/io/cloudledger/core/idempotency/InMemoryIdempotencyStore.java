package io.cloudledger.core.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A thread-safe {@link IdempotencyStore} in memory, for tests and local runs; it hides records
 * whose TTL passed on its clock, as DynamoDB's TTL eventually removes them.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final Map<IdempotencyKey, IdempotencyRecord> records = new HashMap<>();
  private final Clock clock;

  public InMemoryIdempotencyStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Claim tryClaim(
      IdempotencyKey key, Instant now, Instant inProgressUntil, Instant expiresAt) {
    Optional<IdempotencyRecord> existing = find(key);
    if (existing.isPresent() && existing.get().blocks(now)) {
      return new Claim.Existing(existing.get());
    }
    records.put(
        key,
        new IdempotencyRecord(key, IdempotencyStatus.IN_PROGRESS, inProgressUntil, "", expiresAt));
    return new Claim.Acquired();
  }

  @Override
  public synchronized void complete(IdempotencyKey key, String result, Instant expiresAt) {
    IdempotencyRecord claimed = records.get(key);
    Instant until = claimed == null ? expiresAt : claimed.inProgressUntil();
    records.put(
        key, new IdempotencyRecord(key, IdempotencyStatus.COMPLETED, until, result, expiresAt));
  }

  @Override
  public synchronized void release(IdempotencyKey key) {
    IdempotencyRecord record = records.get(key);
    if (record != null && record.status() == IdempotencyStatus.IN_PROGRESS) {
      records.remove(key);
    }
  }

  @Override
  public synchronized Optional<IdempotencyRecord> find(IdempotencyKey key) {
    IdempotencyRecord record = records.get(key);
    return record == null || expired(record) ? Optional.empty() : Optional.of(record);
  }

  @Override
  public synchronized List<IdempotencyRecord> findGroup(String group) {
    return records.values().stream()
        .filter(r -> r.key().group().equals(group) && !expired(r))
        .sorted(Comparator.comparing(r -> r.key().id()))
        .toList();
  }

  private boolean expired(IdempotencyRecord record) {
    return !clock.instant().isBefore(record.expiresAt());
  }
}
