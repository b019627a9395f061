package io.cloudledger.core.idempotency;

/** The answer of {@link IdempotencyStore#tryClaim}: the key is ours, or an existing record. */
public sealed interface Claim {

  /** The caller now holds the key {@code IN_PROGRESS}. */
  record Acquired() implements Claim {}

  /** Another delivery completed the key or still holds it. */
  record Existing(IdempotencyRecord record) implements Claim {}
}
