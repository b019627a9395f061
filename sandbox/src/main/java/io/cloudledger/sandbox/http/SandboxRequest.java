package io.cloudledger.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as the sandbox's routes see it: headers are keyed in lower case. */
public record SandboxRequest(
    String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  public SandboxRequest {
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Map.copyOf(lower);
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Query-string parameters; a key without {@code =} maps to the empty string. */
  public Map<String, String> queryParameters() {
    return decodeForm(rawQuery);
  }

  /**
   * The parameters of an AWS Query-protocol call (STS, EC2, IAM): those of the query string plus
   * those of the form body, which win; SDKs send them in the body, other tools in the query.
   */
  public Map<String, String> queryProtocolParameters() {
    Map<String, String> parameters = new LinkedHashMap<>(queryParameters());
    parameters.putAll(decodeForm(bodyText()));
    return parameters;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Decodes {@code application/x-www-form-urlencoded} text; later duplicates win. */
  public static Map<String, String> decodeForm(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq >= 0 ? pair.substring(0, eq) : pair;
      String value = eq >= 0 ? pair.substring(eq + 1) : "";
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
