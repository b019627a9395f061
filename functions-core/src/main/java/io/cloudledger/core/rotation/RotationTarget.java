package io.cloudledger.core.rotation;

import io.cloudledger.core.secrets.SecretValue;
import java.time.Instant;
import java.util.Optional;

/**
 * The thing a rotated secret unlocks (an IAM access key, a database user, a plain password). Every
 * method must be safe to call again after a crash; none may put a value into an exception message.
 */
public interface RotationTarget {

  /** A short name for messages and configuration, e.g. {@code aws-iam-key}. */
  String kind();

  /**
   * Makes the next value. A target that cannot choose its credential (an IAM access key) creates it
   * here; {@code previous} is the value labelled {@code AWSPREVIOUS}, if any, so a target can tell
   * a credential left over by a crashed earlier attempt from the ones still in use.
   */
  SecretValue create(SecretValue current, Optional<SecretValue> previous);

  /** Applies {@code pending} to the target, keeping {@code current} valid. */
  void set(SecretValue pending, SecretValue current);

  /** Proves {@code pending} works; throws {@link RotationException} if it does not. */
  void test(SecretValue pending);

  /**
   * Retires {@code previous} once it is no longer current (e.g. deletes an old access key), unless
   * it is still within the target's grace period counted from {@code supersededAt}. Returns what it
   * did, for the step's report.
   */
  String retire(SecretValue previous, SecretValue current, Instant supersededAt);
}
