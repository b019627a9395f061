package io.cloudledger.core.secrets.keystore;

/** The password-to-key functions a keystore header can name, with their on-disk ids. */
public enum KdfAlgorithm {
  /** Format version 1: PBKDF2-HMAC-SHA256 from the JDK. Read only; rewritten as Argon2id. */
  PBKDF2_HMAC_SHA256(1),
  /** Format version 2: Argon2id (RFC 9106), memory-hard, from Bouncy Castle. */
  ARGON2ID(2);

  private final int id;

  KdfAlgorithm(int id) {
    this.id = id;
  }

  int id() {
    return id;
  }

  static KdfAlgorithm fromId(int id) {
    for (KdfAlgorithm algorithm : values()) {
      if (algorithm.id == id) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unknown key derivation function id " + id);
  }
}
