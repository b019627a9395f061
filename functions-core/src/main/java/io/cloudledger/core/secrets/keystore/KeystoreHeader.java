package io.cloudledger.core.secrets.keystore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The fixed-size header at the start of a keystore file; the rest of the file is the AES-GCM
 * ciphertext with its 16-byte tag. The whole header is the GCM additional authenticated data.
 *
 * <pre>
 * offset size
 *   0     4  magic "CLKS"
 *   4     2  format version (big endian): 1 = PBKDF2-HMAC-SHA256, 2 = Argon2id
 *   6     1  KDF id ({@link KdfAlgorithm})
 *   7     4  Argon2id memory KiB (0 for PBKDF2)
 *  11     4  iterations
 *  15     4  Argon2id parallelism (0 for PBKDF2)
 *  19    16  salt
 *  35    32  key-check value: HMAC-SHA256(check key, "cloudledger-keystore-key-check")
 *  67    12  AES-GCM nonce
 *  79     8  first 8 bytes of SHA-256 over bytes 0..78
 *  87     -  ciphertext || 16-byte tag
 * </pre>
 *
 * <p>The header digest needs no password. It lets a damaged header (e.g. a flipped salt byte, which
 * would otherwise derive a different key) be reported as corruption rather than as a wrong
 * password. It is not a defence against a forger, who could recompute it; GCM over the header is.
 */
record KeystoreHeader(int version, KdfParameters kdf, byte[] salt, byte[] keyCheck, byte[] nonce) {
  static final byte[] MAGIC = "CLKS".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION_PBKDF2 = 1;
  static final int CURRENT_VERSION = 2;
  static final int SALT_LENGTH = 16;
  static final int KEY_CHECK_LENGTH = 32;
  static final int NONCE_LENGTH = 12;
  static final int DIGEST_LENGTH = 8;
  static final int TAG_LENGTH = 16;
  static final int LENGTH =
      MAGIC.length + 2 + 1 + 4 * 3 + SALT_LENGTH + KEY_CHECK_LENGTH + NONCE_LENGTH + DIGEST_LENGTH;

  KeystoreHeader {
    salt = requireLength("salt", salt, SALT_LENGTH);
    keyCheck = requireLength("key check", keyCheck, KEY_CHECK_LENGTH);
    nonce = requireLength("nonce", nonce, NONCE_LENGTH);
  }

  /** The same header with a fresh nonce, for the next write. */
  KeystoreHeader withNonce(byte[] newNonce) {
    return new KeystoreHeader(version, kdf, salt, keyCheck, newNonce);
  }

  byte[] encode() {
    ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
    buffer.put(MAGIC);
    buffer.putShort((short) version);
    buffer.put((byte) kdf.algorithm().id());
    buffer.putInt(kdf.memoryKib());
    buffer.putInt(kdf.iterations());
    buffer.putInt(kdf.parallelism());
    buffer.put(salt);
    buffer.put(keyCheck);
    buffer.put(nonce);
    buffer.put(digest(buffer.array(), LENGTH - DIGEST_LENGTH));
    return buffer.array();
  }

  /**
   * Parses the header of {@code file}'s bytes.
   *
   * @throws KeystoreFormatException if the file is too short, is not a keystore or is from a newer
   *     format version
   * @throws KeystoreTamperedException if the header's digest does not match
   */
  static KeystoreHeader parse(byte[] file, Path path) {
    if (file.length == 0) {
      throw new KeystoreFormatException(
          path + " is empty: not a cloudledger keystore (a keystore is never written empty)");
    }
    if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new KeystoreFormatException(
          path + " is not a cloudledger keystore (it does not start with \"CLKS\")");
    }
    if (file.length < LENGTH + TAG_LENGTH) {
      throw new KeystoreFormatException(
          "keystore "
              + path
              + " is truncated: "
              + file.length
              + " bytes, but even an empty keystore has "
              + (LENGTH + TAG_LENGTH));
    }
    ByteBuffer buffer = ByteBuffer.wrap(file);
    buffer.position(MAGIC.length);
    int version = Short.toUnsignedInt(buffer.getShort());
    if (version > CURRENT_VERSION) {
      throw new KeystoreFormatException(
          "keystore "
              + path
              + " has format version "
              + version
              + ", newer than this cloudledger reads (up to "
              + CURRENT_VERSION
              + "); upgrade cloudledger");
    }
    if (version < VERSION_PBKDF2) {
      throw new KeystoreFormatException(
          "keystore " + path + " has format version " + version + ", which never existed");
    }
    byte[] expectedDigest = digest(file, LENGTH - DIGEST_LENGTH);
    byte[] storedDigest = Arrays.copyOfRange(file, LENGTH - DIGEST_LENGTH, LENGTH);
    if (!MessageDigest.isEqual(expectedDigest, storedDigest)) {
      throw new KeystoreTamperedException(path, "the header", null);
    }
    int kdfId = Byte.toUnsignedInt(buffer.get());
    int memoryKib = buffer.getInt();
    int iterations = buffer.getInt();
    int parallelism = buffer.getInt();
    KdfParameters kdf;
    try {
      kdf = new KdfParameters(KdfAlgorithm.fromId(kdfId), memoryKib, iterations, parallelism);
    } catch (IllegalArgumentException e) {
      throw new KeystoreFormatException(
          "keystore " + path + " has unusable key derivation parameters: " + e.getMessage());
    }
    if (version == VERSION_PBKDF2 && kdf.algorithm() != KdfAlgorithm.PBKDF2_HMAC_SHA256) {
      throw new KeystoreFormatException(
          "keystore " + path + " has format version 1 but names " + kdf.algorithm());
    }
    byte[] salt = new byte[SALT_LENGTH];
    byte[] keyCheck = new byte[KEY_CHECK_LENGTH];
    byte[] nonce = new byte[NONCE_LENGTH];
    buffer.get(salt).get(keyCheck).get(nonce);
    return new KeystoreHeader(version, kdf, salt, keyCheck, nonce);
  }

  private static byte[] digest(byte[] bytes, int length) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(bytes, 0, length);
      return Arrays.copyOf(sha256.digest(), DIGEST_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] requireLength(String what, byte[] bytes, int length) {
    if (bytes == null || bytes.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes");
    }
    return bytes.clone();
  }
}
