package io.cloudledger.core.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do on the trigger. */
public enum ApiKeyScope {
  SYNC_TRIGGER("sync:trigger"),
  SYNC_READ("sync:read");

  private final String text;

  ApiKeyScope(String text) {
    this.text = text;
  }

  /** The scope as written on the command line and stored: {@code sync:trigger}. */
  public String text() {
    return text;
  }

  /** Parses one scope; the error names the valid ones. */
  public static ApiKeyScope parse(String text) {
    for (ApiKeyScope scope : values()) {
      if (scope.text.equals(text.strip())) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '"
            + text
            + "'; valid scopes: "
            + Arrays.stream(values()).map(ApiKeyScope::text).collect(Collectors.joining(", ")));
  }

  /** Parses a comma-separated list such as {@code sync:trigger,sync:read}. */
  public static Set<ApiKeyScope> parseList(String commaSeparated) {
    Set<ApiKeyScope> scopes = new LinkedHashSet<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        scopes.add(parse(part));
      }
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("at least one scope is required");
    }
    return Set.copyOf(scopes);
  }

  /** The scopes as a comma-separated list in declaration order. */
  public static String format(Set<ApiKeyScope> scopes) {
    return Arrays.stream(values())
        .filter(scopes::contains)
        .map(ApiKeyScope::text)
        .collect(Collectors.joining(","));
  }
}
