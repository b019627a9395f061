package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretStoreException;

/**
 * The file is not a cloudledger keystore, is truncated, or has a format this version can't read.
 */
public class KeystoreFormatException extends SecretStoreException {
  public KeystoreFormatException(String message) {
    super(message);
  }
}
