package io.cloudledger.sandbox.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header the sandbox routes by: {@code
 * Credential=AKID/DATE/REGION/SERVICE/aws4_request}. Signatures are not verified.
 */
record SigV4Scope(String accessKeyId, String date, String region, String service) {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/([^/]+)/([^/]+)/([^/]+)/aws4_request");

  static Optional<SigV4Scope> parse(String authorization) {
    if (authorization == null || !authorization.startsWith(ALGORITHM)) {
      return Optional.empty();
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new SigV4Scope(m.group(1), m.group(2), m.group(3), m.group(4)));
  }
}
