package io.cloudledger.core.secrets;

import java.util.List;

/** A store was named (e.g. {@code --store}) that is not configured: a usage error. */
public class UnknownSecretStoreException extends IllegalArgumentException {
  public UnknownSecretStoreException(String storeName, List<String> knownStores) {
    super(
        "unknown secret store '"
            + storeName
            + "'; configured stores: "
            + (knownStores.isEmpty() ? "(none)" : String.join(", ", knownStores)));
  }
}
