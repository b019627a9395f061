package io.cloudledger.sandbox.azure;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The secrets of the sandbox's key vaults (one per {@code Host}): per name, versions oldest first,
 * each with its value, content type, tags and attributes. Names are case-insensitive, as in Key
 * Vault. Soft delete as in a vault with soft delete on (the default since 2020): a deleted secret
 * keeps its versions in the deleted state until it is purged or recovered, and its name cannot be
 * set meanwhile.
 */
final class KeyVaultSecrets {
  /** Days a deleted secret is kept before Key Vault would purge it on its own. */
  static final int RECOVERABLE_DAYS = 90;

  /** One version: its id, value and properties. Mutable properties, as Key Vault's PATCH. */
  static final class Version {
    final String id;
    final String value;
    final Instant created;
    Instant updated;
    String contentType;
    Map<String, String> tags;
    boolean enabled;
    Optional<Instant> notBefore;
    Optional<Instant> expires;

    Version(String id, String value, Instant created) {
      this.id = id;
      this.value = value;
      this.created = created;
      this.updated = created;
    }
  }

  /** All versions of one secret name, and when it was deleted (if it was). */
  static final class Secret {
    final String name;
    final List<Version> versions = new ArrayList<>();
    Instant deletedAt;

    Secret(String name) {
      this.name = name;
    }

    Version latest() {
      return versions.getLast();
    }

    Optional<Version> version(String id) {
      return versions.stream().filter(v -> v.id.equalsIgnoreCase(id)).findFirst();
    }

    boolean deleted() {
      return deletedAt != null;
    }

    Instant scheduledPurge() {
      return deletedAt.plus(Duration.ofDays(RECOVERABLE_DAYS));
    }
  }

  /** A set for a name that is deleted but not purged. */
  static final class DeletedButRecoverable extends RuntimeException {
    DeletedButRecoverable() {
      super(null, null, false, false);
    }
  }

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Secret> secrets = new TreeMap<>(); // key: vault + "/" + lower name

  KeyVaultSecrets(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  synchronized Version set(
      String vault,
      String name,
      String value,
      Optional<String> contentType,
      Map<String, String> tags,
      boolean enabled,
      Optional<Instant> notBefore,
      Optional<Instant> expires) {
    Secret secret = secrets.computeIfAbsent(key(vault, name), k -> new Secret(name));
    if (secret.deleted()) {
      throw new DeletedButRecoverable();
    }
    byte[] id = new byte[16];
    random.nextBytes(id);
    Version version = new Version(HexFormat.of().formatHex(id), value, clock.instant());
    version.contentType = contentType.orElse(null);
    version.tags = Map.copyOf(tags);
    version.enabled = enabled;
    version.notBefore = notBefore;
    version.expires = expires;
    secret.versions.add(version);
    return version;
  }

  /** The secret, if it exists and is not deleted. */
  synchronized Optional<Secret> active(String vault, String name) {
    return Optional.ofNullable(secrets.get(key(vault, name))).filter(s -> !s.deleted());
  }

  synchronized Optional<Secret> deleted(String vault, String name) {
    return Optional.ofNullable(secrets.get(key(vault, name))).filter(Secret::deleted);
  }

  /** The vault's secrets that are (or are not) deleted, by name. */
  synchronized List<Secret> all(String vault, boolean deleted) {
    String prefix = vault + "/";
    return secrets.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getValue().deleted() == deleted)
        .map(Map.Entry::getValue)
        .toList();
  }

  synchronized Optional<Secret> delete(String vault, String name) {
    Optional<Secret> secret = active(vault, name);
    secret.ifPresent(s -> s.deletedAt = clock.instant());
    return secret;
  }

  synchronized boolean purge(String vault, String name) {
    return deleted(vault, name).map(s -> secrets.remove(key(vault, name)) != null).orElse(false);
  }

  synchronized Optional<Secret> recover(String vault, String name) {
    Optional<Secret> secret = deleted(vault, name);
    secret.ifPresent(s -> s.deletedAt = null);
    return secret;
  }

  private static String key(String vault, String name) {
    return vault + "/" + name.toLowerCase(Locale.ROOT);
  }
}
