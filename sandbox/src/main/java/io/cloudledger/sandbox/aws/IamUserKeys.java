package io.cloudledger.sandbox.aws;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IAM users of the management account and their access keys: the management user with its
 * static key, plus users made by {@code CreateUser} and keys made by {@code CreateAccessKey}. A key
 * works for signing requests from the moment it is created until it is deleted, as on AWS (no
 * propagation delay is emulated).
 */
final class IamUserKeys {
  /** IAM's quota: a user holds at most two access keys. */
  static final int MAX_KEYS_PER_USER = 2;

  /** One access key's metadata; the secret half is handed out once and not kept. */
  record AccessKey(String userName, String accessKeyId, String status, Instant createDate) {}

  private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();
  private final Set<String> users = ConcurrentHashMap.newKeySet();

  /** Adds a user; false when it exists already. */
  boolean createUser(String userName) {
    return users.add(userName);
  }

  boolean userExists(String userName) {
    return users.contains(userName);
  }

  /** The user owning an active key. */
  Optional<String> userOf(String accessKeyId) {
    AccessKey key = keys.get(accessKeyId);
    return key != null && key.status().equals("Active")
        ? Optional.of(key.userName())
        : Optional.empty();
  }

  void register(String userName, String accessKeyId) {
    users.add(userName);
    keys.put(accessKeyId, new AccessKey(userName, accessKeyId, "Active", Instant.EPOCH));
  }

  /** Adds a key for {@code userName}; empty when the user already has the maximum number. */
  synchronized Optional<AccessKey> create(String userName, String accessKeyId, Instant now) {
    if (of(userName).size() >= MAX_KEYS_PER_USER) {
      return Optional.empty();
    }
    AccessKey key = new AccessKey(userName, accessKeyId, "Active", now);
    keys.put(accessKeyId, key);
    return Optional.of(key);
  }

  /** Deletes the user's key; false when the user has no such key. */
  synchronized boolean delete(String userName, String accessKeyId) {
    AccessKey key = keys.get(accessKeyId);
    if (key == null || !key.userName().equals(userName)) {
      return false;
    }
    keys.remove(accessKeyId);
    return true;
  }

  List<AccessKey> of(String userName) {
    return keys.values().stream()
        .filter(k -> k.userName().equals(userName))
        .sorted(Comparator.comparing(AccessKey::createDate).thenComparing(AccessKey::accessKeyId))
        .toList();
  }
}
