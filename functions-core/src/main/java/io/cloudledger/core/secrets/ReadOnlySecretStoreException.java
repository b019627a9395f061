package io.cloudledger.core.secrets;

/** A write was sent to a store that cannot be written, such as the environment. */
public class ReadOnlySecretStoreException extends SecretStoreException {
  public ReadOnlySecretStoreException(String store, String operation, String secretName) {
    super(
        "secret store '"
            + store
            + "' is read-only: cannot "
            + operation
            + " secret '"
            + secretName
            + "'; write it to a writable store (e.g. a local keystore) instead");
  }
}
