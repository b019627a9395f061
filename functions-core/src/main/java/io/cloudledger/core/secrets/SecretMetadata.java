package io.cloudledger.core.secrets;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about a secret besides its value: when it was created and last changed, its
 * current version, its tags (labels) and its expiry, each present only where the backend has it.
 * Never holds the value, so it can be printed and logged.
 */
public record SecretMetadata(
    String name,
    Optional<Instant> created,
    Optional<Instant> updated,
    Optional<String> version,
    Map<String, String> tags,
    Optional<Instant> expires) {

  public SecretMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(version, "version");
    tags = Map.copyOf(tags);
    Objects.requireNonNull(expires, "expires");
  }

  /** Metadata of a store that knows only that the secret exists. */
  public static SecretMetadata nameOnly(String name) {
    return new SecretMetadata(
        name, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
  }
}
