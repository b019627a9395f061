package io.cloudledger.core.secrets.keystore;

/**
 * Which KDF derives a keystore's key from its password, and how slowly. For Argon2id all three
 * numbers are used; for PBKDF2 only {@code iterations} ({@code memoryKib} and {@code parallelism}
 * are 0).
 */
public record KdfParameters(
    KdfAlgorithm algorithm, int memoryKib, int iterations, int parallelism) {

  /**
   * The defaults for new keystores: Argon2id with 64 MiB, 3 passes, 1 lane (RFC 9106's second
   * recommended option, and above OWASP's minimum).
   */
  public static final KdfParameters DEFAULT = argon2id(64 * 1024, 3, 1);

  /** What format version 1 used; kept to read old files. */
  public static final int PBKDF2_V1_ITERATIONS = 600_000;

  // Upper bounds checked when reading a header, so a crafted file cannot make us allocate
  // gigabytes or spin for hours before the password is even checked.
  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  static final int MAX_ITERATIONS_ARGON2 = 100;
  static final int MAX_PARALLELISM = 64;
  static final int MAX_ITERATIONS_PBKDF2 = 50_000_000;

  public KdfParameters {
    if (algorithm == null) {
      throw new IllegalArgumentException("a key derivation function is required");
    }
    switch (algorithm) {
      case ARGON2ID -> {
        requireRange("Argon2id memory (KiB)", memoryKib, 8 * parallelism, MAX_MEMORY_KIB);
        requireRange("Argon2id iterations", iterations, 1, MAX_ITERATIONS_ARGON2);
        requireRange("Argon2id parallelism", parallelism, 1, MAX_PARALLELISM);
      }
      case PBKDF2_HMAC_SHA256 -> {
        requireRange("PBKDF2 iterations", iterations, 1, MAX_ITERATIONS_PBKDF2);
        requireRange("PBKDF2 memory (unused)", memoryKib, 0, 0);
        requireRange("PBKDF2 parallelism (unused)", parallelism, 0, 0);
      }
    }
  }

  /** Argon2id with {@code memoryKib} KiB of memory, {@code iterations} passes and lanes. */
  public static KdfParameters argon2id(int memoryKib, int iterations, int parallelism) {
    return new KdfParameters(KdfAlgorithm.ARGON2ID, memoryKib, iterations, parallelism);
  }

  /** PBKDF2-HMAC-SHA256 with {@code iterations} rounds (format version 1). */
  public static KdfParameters pbkdf2(int iterations) {
    return new KdfParameters(KdfAlgorithm.PBKDF2_HMAC_SHA256, 0, iterations, 0);
  }

  private static void requireRange(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}
