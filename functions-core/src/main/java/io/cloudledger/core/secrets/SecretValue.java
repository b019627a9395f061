package io.cloudledger.core.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret's value. It never prints itself: {@link #toString()} is redacted, so a value that slips
 * into a log line, an exception message or a record's {@code toString()} shows nothing.
 */
public final class SecretValue {
  private static final String REDACTED = "SecretValue[****]";
  private final String value;

  private SecretValue(String value) {
    this.value = value;
  }

  /** Wraps a value; it must not be null (an empty secret is allowed). */
  public static SecretValue of(String value) {
    if (value == null) {
      throw new IllegalArgumentException("a secret value must not be null");
    }
    return new SecretValue(value);
  }

  /** The plain value; call it only where the value is used, never to log or display it. */
  public String reveal() {
    return value;
  }

  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object other) {
    // Constant time, so comparing secrets leaks no timing about where they differ.
    return other instanceof SecretValue that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // a hash would leak information about the value; secrets are rarely hashed
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
