package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretStoreException;
import java.nio.file.Path;

/** The password does not open this keystore (its key-check value does not match). */
public class KeystoreWrongPasswordException extends SecretStoreException {
  public KeystoreWrongPasswordException(Path file) {
    super(
        "wrong password for keystore "
            + file
            + " (check "
            + KeystorePasswordSource.PASSWORD_VARIABLE
            + " or the password you typed); the file was not changed");
  }
}
