package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.keystore.KeyDerivation.DerivedKeys;
import io.cloudledger.core.secrets.keystore.KeystorePayload.Entry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Wrote {@code src/test/resources/keystore/keystore-v1.clks} once: a format version 1 keystore
 * (PBKDF2-HMAC-SHA256, 600 000 iterations), as older cloudledger releases wrote it. Kept so the
 * fixture can be regenerated and its content is documented; the tests read the committed file.
 *
 * <p>Run: {@code java -cp <test classpath> ...KeystoreV1FixtureGenerator <output file>}.
 */
public final class KeystoreV1FixtureGenerator {
  static final String PASSWORD = "v1-fixture-password";
  static final Map<String, String> SECRETS =
      Map.of(
          "aws_prod_external_id", "v1-external-id-7f3a",
          "azure_client_secret", "v1-client-secret-91bc");
  static final String CREATED = "2025-01-15T10:00:00Z";

  private KeystoreV1FixtureGenerator() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args[0]);
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[KeystoreHeader.SALT_LENGTH];
    byte[] nonce = new byte[KeystoreHeader.NONCE_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    KdfParameters kdf = KdfParameters.pbkdf2(KdfParameters.PBKDF2_V1_ITERATIONS);
    DerivedKeys keys = KeyDerivation.derive(PASSWORD.toCharArray(), kdf, salt);
    byte[] header =
        new KeystoreHeader(KeystoreHeader.VERSION_PBKDF2, kdf, salt, keys.keyCheck(), nonce)
            .encode();
    Map<String, Entry> entries = new java.util.TreeMap<>();
    SECRETS.forEach((name, value) -> entries.put(name, new Entry(value, CREATED, CREATED)));

    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, keys.aesKey(), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(header);
    byte[] ciphertext = cipher.doFinal(KeystorePayload.encode(entries));
    Files.write(
        output,
        ByteBuffer.allocate(header.length + ciphertext.length).put(header).put(ciphertext).array());
    System.out.println("wrote " + output + " (" + (header.length + ciphertext.length) + " bytes)");
  }
}
