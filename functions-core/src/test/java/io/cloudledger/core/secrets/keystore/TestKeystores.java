package io.cloudledger.core.secrets.keystore;

import java.nio.file.Path;
import java.time.Duration;

/** Keystores with a deliberately cheap KDF, so tests run in milliseconds. */
final class TestKeystores {
  /** Far below the defaults; only for tests. */
  static final KdfParameters FAST_KDF = KdfParameters.argon2id(256, 1, 1);

  private TestKeystores() {}

  static LocalKeystore.Builder fast(Path file, String password) {
    return LocalKeystore.builder(file)
        .password(password.toCharArray())
        .kdfParameters(FAST_KDF)
        .lockTimeout(Duration.ofSeconds(5));
  }
}
