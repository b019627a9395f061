package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Google's OAuth2 token endpoint for service accounts: {@code POST /token} with the JWT-bearer
 * grant. The assertion's RS256 signature must verify with the sandbox service account's key (or,
 * when its {@code kid} names one, a live key made by IAM {@code keys.create}) and its {@code iss}
 * must name it; its {@code aud} is not checked (clients always send Google's token URL). Issued
 * access tokens identify the service account to the Compute routes.
 */
final class GcpTokenEndpoint {
  static final String OPERATION = "oauth2.token";
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final GcpServiceAccount account;
  private final GcpServiceAccountKeys keys;
  private final CallCounters counters;
  private final FaultInjector faults;
  private final Map<String, String> principals = new ConcurrentHashMap<>();
  private final AtomicLong issued = new AtomicLong();

  GcpTokenEndpoint(
      GcpServiceAccount account,
      GcpServiceAccountKeys keys,
      CallCounters counters,
      FaultInjector faults) {
    this.account = account;
    this.keys = keys;
    this.counters = counters;
    this.faults = faults;
  }

  /** The service account an access token was issued to. */
  Optional<String> principal(String accessToken) {
    return Optional.ofNullable(principals.get(accessToken));
  }

  SandboxResponse handle(SandboxRequest request) {
    if (!request.method().equals("POST")) {
      return GcpErrors.oauth(405, "invalid_request", "use POST");
    }
    Map<String, String> form = SandboxRequest.decodeForm(request.bodyText());
    if (!JWT_BEARER.equals(form.get("grant_type"))) {
      counters.recordCall(OPERATION, CallCounters.UNKNOWN_ACCOUNT);
      return GcpErrors.oauth(
          400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
    }
    Optional<JsonNode> claims = verifiedClaims(form.getOrDefault("assertion", ""));
    if (claims.isEmpty()) {
      counters.recordCall(OPERATION, CallCounters.UNKNOWN_ACCOUNT);
      return GcpErrors.oauth(400, "invalid_grant", "Invalid JWT Signature.");
    }
    String issuer = claims.get().path("iss").asText();
    counters.recordCall(OPERATION, issuer);
    FaultDecision fault = faults.decide(OPERATION, issuer, "global", 1);
    sleep(fault.latencyMillis());
    if (fault.fails()) {
      counters.recordInjectedFault(OPERATION, issuer);
      return switch (fault.failure()) {
        case THROTTLE -> GcpErrors.oauth(429, "rate_limit_exceeded", "Rate limit exceeded");
        case DENY -> GcpErrors.oauth(400, "invalid_grant", "Invalid grant: account not found");
        default -> GcpErrors.oauth(503, "temporarily_unavailable", "Backend Error");
      };
    }
    if (!issuer.equals(account.email())) {
      return GcpErrors.oauth(400, "invalid_grant", "Invalid grant: account not found");
    }
    if (claims.get().path("scope").asText().isBlank()) {
      return GcpErrors.oauth(
          400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    }
    String token = "ya29.sandbox-" + issued.incrementAndGet() + "-" + Long.toHexString(mix());
    principals.put(token, issuer);
    return GcpErrors.json(
        200, Map.of("access_token", token, "expires_in", 3599, "token_type", "Bearer"));
  }

  private Optional<JsonNode> verifiedClaims(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      // A key made by IAM keys.create is named by the JWT's kid; a deleted one signs nothing.
      String kid =
          GcpErrors.JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("kid").asText("");
      Optional<GcpServiceAccountKeys.Key> issued = keys.key(kid);
      if (issued.isPresent() && issued.get().deleted) {
        return Optional.empty();
      }
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(issued.map(k -> k.publicKey).orElseGet(account::publicKey));
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return Optional.empty();
      }
      return Optional.of(GcpErrors.JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
    } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private long mix() {
    return System.nanoTime() * 0x9E3779B97F4A7C15L;
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
