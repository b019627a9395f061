package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The user-managed keys of the sandbox's service account that IAM's {@code keys.create} made: each
 * has its own RSA key pair; the token endpoint accepts a JWT whose {@code kid} names a live key and
 * refuses one whose key was deleted. The account's built-in key (its key file) is not listed here.
 */
final class GcpServiceAccountKeys {
  /** One key; {@code deleted} is set by {@code keys.delete} and never cleared. */
  static final class Key {
    final String id;
    final RSAPublicKey publicKey;
    final Instant created;
    volatile boolean deleted;

    Key(String id, RSAPublicKey publicKey, Instant created) {
      this.id = id;
      this.publicKey = publicKey;
      this.created = created;
    }
  }

  private final GcpServiceAccount account;
  private final Clock clock;
  private final Map<String, Key> keys = new LinkedHashMap<>();

  GcpServiceAccountKeys(GcpServiceAccount account, Clock clock) {
    this.account = account;
    this.clock = clock;
  }

  GcpServiceAccount account() {
    return account;
  }

  /** A new key and its key file (JSON) with {@code token_uri}; the private key is not kept. */
  synchronized Map.Entry<Key, String> create(String projectId, String tokenUri) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
    byte[] id = new byte[20];
    ThreadLocalRandom.current().nextBytes(id);
    Key key =
        new Key(HexFormat.of().formatHex(id), (RSAPublicKey) pair.getPublic(), clock.instant());
    keys.put(key.id, key);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> file = new LinkedHashMap<>();
    file.put("type", "service_account");
    file.put("project_id", projectId);
    file.put("private_key_id", key.id);
    file.put("private_key", pem);
    file.put("client_email", account.email());
    file.put("client_id", "100000000000000000001");
    file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    file.put("token_uri", tokenUri);
    try {
      return Map.entry(key, GcpErrors.JSON.writeValueAsString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a key file", e);
    }
  }

  /** The key with this id, live or deleted. */
  synchronized Optional<Key> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The live keys, oldest first. */
  synchronized List<Key> live() {
    List<Key> out = new ArrayList<>();
    keys.values().stream().filter(k -> !k.deleted).forEach(out::add);
    return out;
  }

  /** Deletes a live key; false when it is unknown or already deleted. */
  synchronized boolean delete(String id) {
    Key key = keys.get(id);
    if (key == null || key.deleted) {
      return false;
    }
    key.deleted = true;
    return true;
  }
}
