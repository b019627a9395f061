package io.cloudledger.sandbox.azure;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens the sandbox's token endpoint issued: to which client, for which audience. */
final class AzureTokens {
  /** What a token was issued for; the audience is the requested scope without {@code /.default}. */
  record IssuedToken(String clientId, String audience) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();

  String issue(String clientId, String audience) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sbx-aad." + HexFormat.of().formatHex(bytes);
    issued.put(token, new IssuedToken(clientId, audience));
    return token;
  }

  Optional<IssuedToken> lookup(String token) {
    return Optional.ofNullable(issued.get(token));
  }
}
