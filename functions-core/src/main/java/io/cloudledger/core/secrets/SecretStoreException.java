package io.cloudledger.core.secrets;

/**
 * A secret store failed (unreachable, locked, wrong password, tampered data). The message names the
 * store and the secret's name, never its value.
 */
public class SecretStoreException extends RuntimeException {
  public SecretStoreException(String message) {
    super(message);
  }

  public SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
