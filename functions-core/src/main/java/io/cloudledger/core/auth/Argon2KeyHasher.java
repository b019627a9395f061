package io.cloudledger.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane) in the PHC string form {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so the parameters travel with each hash.
 */
public final class Argon2KeyHasher {
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int HASH_BYTES = 32;

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random;

  public Argon2KeyHasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.random = random;
  }

  /** OWASP's recommended minimum for Argon2id. */
  public static Argon2KeyHasher owasp(SecureRandom random) {
    return new Argon2KeyHasher(19 * 1024, 2, 1, random);
  }

  public String hash(String key) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash = derive(key, salt, memoryKib, iterations, parallelism);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code key} matches {@code encoded}; a malformed encoding never matches. */
  public boolean verify(String encoded, String key) {
    String[] parts = encoded.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String param : parts[3].split(",")) {
        int value = Integer.parseInt(param.substring(2));
        switch (param.charAt(0)) {
          case 'm' -> m = value;
          case 't' -> t = value;
          case 'p' -> p = value;
          default -> {
            return false;
          }
        }
      }
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(key, B64D.decode(parts[4]), m, t, p);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return false;
    }
  }

  private static byte[] derive(String key, byte[] salt, int m, int t, int p) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build());
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(key.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
