package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's one service account: it may read every project of the estate. Its key pair is
 * created when the sandbox starts and lives only in memory; {@link #keyJson} renders the key file a
 * client loads with {@code ServiceAccountCredentials.fromStream}.
 */
public final class GcpServiceAccount {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String email;
  private KeyPair keyPair; // generated on first use: RSA generation would slow every start

  private GcpServiceAccount(String email) {
    this.email = email;
  }

  /** {@code cloudledger-reader@<homeProject>.iam...} with a fresh 2048-bit RSA key. */
  public static GcpServiceAccount create(String homeProject) {
    return new GcpServiceAccount("cloudledger-reader@" + homeProject + ".iam.gserviceaccount.com");
  }

  private synchronized KeyPair keyPair() {
    if (keyPair == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keyPair = generator.generateKeyPair();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM cannot generate RSA keys", e);
      }
    }
    return keyPair;
  }

  public String email() {
    return email;
  }

  RSAPublicKey publicKey() {
    return (RSAPublicKey) keyPair().getPublic();
  }

  /** The service-account key file, with {@code token_uri} pointing at the sandbox. */
  public String keyJson(String projectId, URI tokenUri) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(keyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> key = new LinkedHashMap<>();
    key.put("type", "service_account");
    key.put("project_id", projectId);
    key.put("private_key_id", Integer.toHexString(keyPair().getPublic().hashCode()) + "sandbox");
    key.put("private_key", pem);
    key.put("client_email", email);
    key.put("client_id", "100000000000000000001");
    key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    key.put("token_uri", tokenUri.toString());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render the service-account key", e);
    }
  }

  @Override
  public String toString() {
    return "GcpServiceAccount[" + email + "]";
  }
}
