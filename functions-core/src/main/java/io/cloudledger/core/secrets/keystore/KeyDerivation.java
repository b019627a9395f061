package io.cloudledger.core.secrets.keystore;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Derives 64 bytes from the password: the first 32 are the AES-256 key, the last 32 key an HMAC
 * whose output (the key-check value in the header) tells a wrong password apart from a damaged
 * ciphertext without revealing anything about the AES key.
 */
final class KeyDerivation {
  private static final byte[] CHECK_CONSTANT =
      "cloudledger-keystore-key-check".getBytes(StandardCharsets.US_ASCII);

  private KeyDerivation() {}

  /** An AES key and the key-check value that the header must carry for it. */
  record DerivedKeys(SecretKeySpec aesKey, byte[] keyCheck) {}

  static DerivedKeys derive(char[] password, KdfParameters kdf, byte[] salt) {
    byte[] material = new byte[64];
    try {
      switch (kdf.algorithm()) {
        case ARGON2ID -> argon2id(password, kdf, salt, material);
        case PBKDF2_HMAC_SHA256 -> pbkdf2(password, kdf, salt, material);
      }
      SecretKeySpec aesKey = new SecretKeySpec(material, 0, 32, "AES");
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(material, 32, 32, "HmacSHA256"));
      return new DerivedKeys(aesKey, hmac.doFinal(CHECK_CONSTANT));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + kdf.algorithm() + " or HmacSHA256", e);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private static void argon2id(char[] password, KdfParameters kdf, byte[] salt, byte[] out) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(kdf.memoryKib())
            .withIterations(kdf.iterations())
            .withParallelism(kdf.parallelism())
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    generator.generateBytes(password, out); // password encoded as UTF-8
  }

  private static void pbkdf2(char[] password, KdfParameters kdf, byte[] salt, byte[] out)
      throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password, salt, kdf.iterations(), out.length * 8);
    try {
      byte[] derived =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      System.arraycopy(derived, 0, out, 0, out.length);
      Arrays.fill(derived, (byte) 0);
    } finally {
      spec.clearPassword();
    }
  }
}
