package io.cloudledger.core.secrets;

import java.util.List;

/** The names held by every store (never values), and the stores that could not be listed. */
public record SecretListing(List<ListedSecret> secrets, List<StoreFailure> failures) {
  public SecretListing {
    secrets = List.copyOf(secrets);
    failures = List.copyOf(failures);
  }
}
