package io.cloudledger.core.secrets;

import java.security.SecureRandom;

/** Generates random secret values for {@link SecretStore#createRandom}. */
public final class RandomSecrets {
  public static final int MIN_LENGTH = 1;
  public static final int MAX_LENGTH = 4096;

  /** Letters and digits: safe in URLs, shells and config files. */
  public static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private RandomSecrets() {}

  /**
   * Returns {@code length} characters drawn uniformly from the distinct characters of {@code
   * alphabet}.
   */
  public static SecretValue generate(SecureRandom random, int length, String alphabet) {
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a random secret's length must be between "
              + MIN_LENGTH
              + " and "
              + MAX_LENGTH
              + ", got "
              + length);
    }
    if (alphabet == null) {
      throw new IllegalArgumentException("the alphabet of a random secret must not be null");
    }
    // Repeated characters would skew the distribution, so draw from the distinct ones.
    int[] symbols = alphabet.codePoints().distinct().toArray();
    if (symbols.length < 2) {
      throw new IllegalArgumentException(
          "the alphabet of a random secret needs at least 2 distinct characters, got "
              + symbols.length);
    }
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.appendCodePoint(symbols[random.nextInt(symbols.length)]);
    }
    return SecretValue.of(value.toString());
  }
}
