package io.cloudledger.sandbox.azure;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens the sandbox's token endpoint issued, and to which client. */
final class AzureTokens {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> clients = new ConcurrentHashMap<>();

  String issue(String clientId) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sbx-aad." + HexFormat.of().formatHex(bytes);
    clients.put(token, clientId);
    return token;
  }

  Optional<String> clientOf(String token) {
    return Optional.ofNullable(clients.get(token));
  }
}
