package io.cloudledger.azure.secrets;

import io.cloudledger.core.secrets.SecretNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps cloudledger secret names ({@code [A-Za-z0-9_./-]}, case-sensitive) to Key Vault names
 * ({@code [0-9a-zA-Z-]}, at most 127 characters, case-insensitive) and back, reversibly. Lower-case
 * letters and digits stay; {@code -} is the escape character:
 *
 * <pre>
 *   '-' → "--"   '_' → "-0"   '.' → "-1"   '/' → "-2"   'A'..'Z' → "-a".."-z"
 * </pre>
 *
 * so {@code azure_client_secret} is stored as {@code azure-0client-0secret}. Upper case is escaped
 * because Key Vault would make {@code Alpha} and {@code alpha} one secret. Every Key Vault name
 * this produces is lower case; a name created by another tool that does not decode (an upper-case
 * letter, a lone trailing {@code -}) is not addressable and is left out of listings.
 */
public final class KeyVaultNames {
  /** Key Vault's limit on a secret name. */
  public static final int MAX_LENGTH = 127;

  private static final Pattern VAULT_NAME = Pattern.compile("[0-9a-zA-Z-]*");

  private KeyVaultNames() {}

  /** Checks a configured prefix, which is used as given (it must already be a Key Vault name). */
  public static String requireValidPrefix(String prefix) {
    if (!VAULT_NAME.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "a Key Vault prefix may only contain letters, digits and '-', got '" + prefix + "'");
    }
    return prefix;
  }

  /**
   * The Key Vault name of {@code name} under {@code prefix}; throws if {@code name} is invalid or
   * its encoding is too long for Key Vault.
   */
  public static String encode(String prefix, String name) {
    SecretNames.requireValid(name);
    StringBuilder out = new StringBuilder(prefix);
    for (char c : name.toCharArray()) {
      switch (c) {
        case '-' -> out.append("--");
        case '_' -> out.append("-0");
        case '.' -> out.append("-1");
        case '/' -> out.append("-2");
        default -> {
          if (c >= 'A' && c <= 'Z') {
            out.append('-').append(Character.toLowerCase(c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (out.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the secret name is too long for Key Vault: it becomes "
              + out.length()
              + " characters (prefix and escapes included), Key Vault allows "
              + MAX_LENGTH);
    }
    return out.toString();
  }

  /**
   * The cloudledger name of Key Vault name {@code vaultName}, if it has {@code prefix} and decodes.
   */
  public static Optional<String> decode(String prefix, String vaultName) {
    if (!vaultName.regionMatches(true, 0, prefix, 0, prefix.length())
        || vaultName.length() == prefix.length()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int i = prefix.length(); i < vaultName.length(); i++) {
      char c = vaultName.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return Optional.empty(); // never produced by encode: another tool's name
      }
      if (c != '-') {
        out.append(c);
        continue;
      }
      if (++i == vaultName.length()) {
        return Optional.empty();
      }
      char escaped = vaultName.charAt(i);
      switch (escaped) {
        case '-' -> out.append('-');
        case '0' -> out.append('_');
        case '1' -> out.append('.');
        case '2' -> out.append('/');
        default -> {
          if (escaped >= 'a' && escaped <= 'z') {
            out.append(Character.toUpperCase(escaped));
          } else {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.of(out.toString());
  }
}
