package io.cloudledger.core.secrets;

import java.util.regex.Pattern;

/** Rules for secret names, shared by every store so a name valid in one is valid in all. */
public final class SecretNames {
  /** At most this many characters: every cloud secret manager accepts names this long. */
  public static final int MAX_LENGTH = 256;

  // Names appear in error messages and log lines, so they are kept to a plain, printable set.
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_./-]+");

  private SecretNames() {}

  /** Returns {@code name} if it is a valid secret name, else throws naming the rule broken. */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a secret name must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a secret name must be at most " + MAX_LENGTH + " characters, got " + name.length());
    }
    if (!ALLOWED.matcher(name).matches()) {
      // The name itself is not echoed: a caller who swapped name and value would leak the value.
      throw new IllegalArgumentException(
          "a secret name may only contain letters, digits, '_', '.', '/' and '-'");
    }
    return name;
  }
}
