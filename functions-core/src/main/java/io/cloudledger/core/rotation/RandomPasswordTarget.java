package io.cloudledger.core.rotation;

import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.SecretValue;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * A secret that is a random password read by its consumers from the store: nothing outside the
 * store to update, so {@code set} and {@code retire} do nothing, and {@code test} checks the new
 * value has the configured shape and differs from the one it replaces.
 */
public final class RandomPasswordTarget implements RotationTarget {
  public static final String KIND = "random-password";
  public static final int DEFAULT_LENGTH = 32;

  private final SecureRandom random;
  private final int length;
  private final String alphabet;

  public RandomPasswordTarget(SecureRandom random, int length, String alphabet) {
    RandomSecrets.generate(random, length, alphabet); // validates length and alphabet up front
    this.random = random;
    this.length = length;
    this.alphabet = alphabet;
  }

  /** 32 letters and digits. */
  public static RandomPasswordTarget withDefaults() {
    return new RandomPasswordTarget(new SecureRandom(), DEFAULT_LENGTH, RandomSecrets.ALPHANUMERIC);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SecretValue create(SecretValue current, Optional<SecretValue> previous) {
    SecretValue next;
    do {
      next = RandomSecrets.generate(random, length, alphabet);
    } while (next.equals(current));
    return next;
  }

  @Override
  public void set(SecretValue pending, SecretValue current) {
    // The store is the only holder of the password; consumers pick up AWSCURRENT after finish.
  }

  @Override
  public void test(SecretValue pending) {
    String value = pending.reveal();
    boolean shaped =
        value.length() == length && value.codePoints().allMatch(c -> alphabet.indexOf(c) >= 0);
    if (!shaped) {
      throw new RotationException(
          "test-failed",
          "the pending password does not have the configured length (" + length + ") and alphabet");
    }
  }

  @Override
  public String retire(SecretValue previous, SecretValue current, Instant supersededAt) {
    return "kept as AWSPREVIOUS";
  }
}
