package io.cloudledger.core.config;

import io.cloudledger.core.secrets.SecretValue;
import java.util.Optional;

/** Finds a secret by name for {@code SEC/name} references; the CLI plugs the secrets manager in. */
@FunctionalInterface
public interface SecretLookup {

  /** The secret's value, or empty when no store holds a secret of that name. */
  Optional<SecretValue> find(String name);

  /** A lookup that finds nothing, for contexts without secret stores. */
  static SecretLookup none() {
    return name -> Optional.empty();
  }
}
