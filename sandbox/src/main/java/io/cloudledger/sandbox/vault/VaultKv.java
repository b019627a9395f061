package io.cloudledger.sandbox.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The secrets of Vault's KV version 2 engines: per mount and path, numbered versions of a key/value
 * map; a version can be soft-deleted (deletion_time set); deleting the metadata removes all.
 */
final class VaultKv {
  /** One version of one secret. */
  static final class Version {
    final int number;
    final Map<String, Object> data;
    final Instant created;
    Instant deleted;

    Version(int number, Map<String, Object> data, Instant created) {
      this.number = number;
      this.data = data;
      this.created = created;
    }
  }

  /** All versions of one path, oldest first. */
  static final class Secret {
    final List<Version> versions = new ArrayList<>();
    Instant updated;

    int currentVersion() {
      return versions.isEmpty() ? 0 : versions.getLast().number;
    }
  }

  /** A write that names a check-and-set version other than the current one. */
  static final class CasMismatch extends RuntimeException {
    CasMismatch() {
      super("check-and-set parameter did not match the current version", null, false, false);
    }
  }

  private final Clock clock;
  private final Map<String, Secret> secrets = new TreeMap<>(); // key: mount + "/" + path

  VaultKv(Clock clock) {
    this.clock = clock;
  }

  synchronized Version write(
      String mount, String path, Map<String, Object> data, Optional<Integer> cas) {
    Secret secret = secrets.computeIfAbsent(mount + "/" + path, k -> new Secret());
    if (cas.isPresent() && cas.get() != secret.currentVersion()) {
      if (secret.versions.isEmpty()) {
        secrets.remove(mount + "/" + path);
      }
      throw new CasMismatch();
    }
    Instant now = clock.instant();
    Version version = new Version(secret.currentVersion() + 1, Map.copyOf(data), now);
    secret.versions.add(version);
    secret.updated = now;
    return version;
  }

  /** The version asked for (latest when empty), deleted or not; empty if it never existed. */
  synchronized Optional<Version> read(String mount, String path, Optional<Integer> version) {
    Secret secret = secrets.get(mount + "/" + path);
    if (secret == null || secret.versions.isEmpty()) {
      return Optional.empty();
    }
    int wanted = version.filter(v -> v > 0).orElse(secret.currentVersion());
    return secret.versions.stream().filter(v -> v.number == wanted).findFirst();
  }

  synchronized Optional<Secret> metadata(String mount, String path) {
    return Optional.ofNullable(secrets.get(mount + "/" + path));
  }

  /** Soft-deletes the latest version; false when there is nothing to delete. */
  synchronized boolean deleteLatest(String mount, String path) {
    Secret secret = secrets.get(mount + "/" + path);
    if (secret == null || secret.versions.isEmpty()) {
      return false;
    }
    secret.versions.getLast().deleted = clock.instant();
    return true;
  }

  synchronized void deleteAll(String mount, String path) {
    secrets.remove(mount + "/" + path);
  }

  /** The direct children of folder {@code path} ("" for the root): names, and folders with "/". */
  synchronized List<String> list(String mount, String path) {
    String folder = path.isEmpty() || path.endsWith("/") ? path : path + "/";
    String start = mount + "/" + folder;
    TreeSet<String> keys = new TreeSet<>();
    for (String key : secrets.keySet()) {
      if (key.startsWith(start) && key.length() > start.length()) {
        String rest = key.substring(start.length());
        int slash = rest.indexOf('/');
        keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
      }
    }
    return List.copyOf(keys);
  }
}
