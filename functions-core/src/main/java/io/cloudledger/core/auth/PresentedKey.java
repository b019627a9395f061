package io.cloudledger.core.auth;

import io.cloudledger.core.secrets.SecretValue;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as sent by a client: {@code cl_<keyId>_<secret>}. The key id is public and finds the
 * stored record in one read; the secret is 32 random bytes, base64url.
 */
public record PresentedKey(String keyId, SecretValue key) {
  private static final Pattern FORMAT = Pattern.compile("cl_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** A fresh key from {@code random}. */
  public static PresentedKey generate(SecureRandom random) {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String keyId = new String(id);
    return new PresentedKey(
        keyId,
        SecretValue.of(
            "cl_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
  }

  /** The key in {@code text}, if it has the key's shape. */
  public static Optional<PresentedKey> parse(String text) {
    var matcher = FORMAT.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new PresentedKey(matcher.group(1), SecretValue.of(text.strip())));
  }
}
