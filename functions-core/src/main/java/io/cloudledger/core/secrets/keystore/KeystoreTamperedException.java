package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretStoreException;
import java.nio.file.Path;

/** The keystore's header or ciphertext failed its integrity check: corrupted or tampered with. */
public class KeystoreTamperedException extends SecretStoreException {
  public KeystoreTamperedException(Path file, String part, Throwable cause) {
    super(
        "keystore file "
            + file
            + " is corrupted or was tampered with ("
            + part
            + " failed its integrity check); restore it from a backup",
        cause);
  }
}
