package io.cloudledger.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The stable content hash of a resource: SHA-256 (hex) over a length-prefixed encoding of its
 * normalized fields — provider, account id, region, type, resource id, name, status, raw status,
 * tags and metadata in key order. Timestamps ({@code firstSeen}, {@code lastSeen}, {@code
 * lastChanged}, {@code deletedAt}) are not part of it, so an unchanged resource hashes the same on
 * every run and costs no write.
 *
 * <p>Every string is written as its UTF-8 length then its bytes, so no choice of values can make
 * two different resources encode alike. Changing the encoding changes every hash once (one full
 * rewrite); bump {@link #VERSION} when doing so.
 */
public final class ContentHasher {

  /** Written first, so a future encoding cannot collide with this one. */
  public static final String VERSION = "cloudledger-resource-v1";

  private ContentHasher() {}

  /** The hash of what a connector observed in {@code account}. */
  public static String hash(AccountKey account, ResourceObservation observation) {
    return hash(
        account.provider(),
        account.accountId(),
        observation.region(),
        observation.type(),
        observation.resourceId(),
        observation.name(),
        observation.status(),
        observation.rawStatus(),
        observation.tags(),
        observation.metadata());
  }

  /** The hash of a stored resource's normalized fields, ignoring its timestamps. */
  public static String hash(Resource resource) {
    return hash(
        resource.provider(),
        resource.accountId(),
        resource.region(),
        resource.type(),
        resource.resourceId(),
        resource.name(),
        resource.status(),
        resource.rawStatus(),
        resource.tags(),
        resource.metadata());
  }

  private static String hash(
      Provider provider,
      String accountId,
      String region,
      ResourceType type,
      String resourceId,
      String name,
      ResourceStatus status,
      String rawStatus,
      Map<String, String> tags,
      Map<String, String> metadata) {
    MessageDigest digest = sha256();
    write(digest, VERSION);
    write(digest, provider.prefix());
    write(digest, accountId);
    write(digest, region);
    write(digest, type.key());
    write(digest, resourceId);
    write(digest, name);
    write(digest, status.name());
    write(digest, rawStatus);
    write(digest, tags);
    write(digest, metadata);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void write(MessageDigest digest, Map<String, String> map) {
    // The maps are sorted (see StringMaps), so iteration order is canonical.
    writeLength(digest, map.size());
    map.forEach(
        (key, value) -> {
          write(digest, key);
          write(digest, value);
        });
  }

  private static void write(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeLength(digest, bytes.length);
    digest.update(bytes);
  }

  private static void writeLength(MessageDigest digest, int length) {
    digest.update((byte) (length >>> 24));
    digest.update((byte) (length >>> 16));
    digest.update((byte) (length >>> 8));
    digest.update((byte) length);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
