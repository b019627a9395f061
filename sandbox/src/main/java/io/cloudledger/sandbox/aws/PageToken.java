package io.cloudledger.sandbox.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque pagination token: which operation, where the next page starts, and its 1-based page
 * number (fault rules such as {@code failAfterPage} need it).
 */
record PageToken(String operation, int offset, int page) {
  static final PageToken FIRST = new PageToken("", 0, 1);

  String encode() {
    String raw = "v1|" + operation + "|" + offset + "|" + page;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a token the sandbox issued for {@code operation}; anything else is empty. */
  static Optional<PageToken> decode(String token, String operation) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|");
      if (parts.length != 4 || !parts[0].equals("v1") || !parts[1].equals(operation)) {
        return Optional.empty();
      }
      PageToken decoded =
          new PageToken(parts[1], Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
      return decoded.offset() >= 0 && decoded.page() >= 1 ? Optional.of(decoded) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  PageToken next(int pageSize) {
    return new PageToken(operation, offset + pageSize, page + 1);
  }
}
