package io.cloudledger.core.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs work at most once to completion per key: claims the key {@code IN_PROGRESS}, runs, stores
 * the result {@code COMPLETED}. A duplicate of completed work gets the stored result without
 * running; one arriving while the first runs gets {@link RequestInProgressException} (retry later).
 * Failed work releases its claim so the platform's retry runs it again; a crashed worker's claim
 * lapses after {@link IdempotencySettings#inProgressTimeout()}.
 */
public final class Idempotency {

  /** The result of {@link #run}: the work's result, and whether it was a stored one. */
  public record Outcome(String result, boolean replayed) {}

  private final IdempotencyStore store;
  private final Clock clock;
  private final IdempotencySettings settings;

  public Idempotency(IdempotencyStore store, Clock clock, IdempotencySettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Outcome run(IdempotencyKey key, Supplier<String> work) {
    Instant now = clock.instant();
    Claim claim =
        store.tryClaim(
            key, now, now.plus(settings.inProgressTimeout()), now.plus(settings.retention()));
    if (claim instanceof Claim.Existing(IdempotencyRecord existing)) {
      if (existing.status() == IdempotencyStatus.COMPLETED) {
        return new Outcome(existing.result(), true);
      }
      Duration left = Duration.between(now, existing.inProgressUntil());
      throw new RequestInProgressException(key, left.isNegative() ? Duration.ZERO : left);
    }
    String result;
    try {
      result = Objects.requireNonNull(work.get(), "the work's result");
    } catch (RuntimeException | Error e) {
      try {
        store.release(key);
      } catch (RuntimeException releaseError) {
        e.addSuppressed(releaseError); // the claim then lapses at its expiry
      }
      throw e;
    }
    store.complete(key, result, clock.instant().plus(settings.retention()));
    return new Outcome(result, false);
  }
}
