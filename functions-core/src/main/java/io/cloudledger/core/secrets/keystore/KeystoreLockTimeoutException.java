package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretStoreException;
import java.nio.file.Path;
import java.time.Duration;

/** Another process held the keystore's lock for longer than the configured timeout. */
public class KeystoreLockTimeoutException extends SecretStoreException {
  public KeystoreLockTimeoutException(Path file, Path lockFile, Duration timeout) {
    super(
        "timed out after "
            + timeout.toMillis()
            + " ms waiting for the lock on keystore "
            + file
            + " (lock file "
            + lockFile
            + ", held by another process or thread); try again, or raise "
            + LocalKeystore.LOCK_TIMEOUT_VARIABLE);
  }
}
