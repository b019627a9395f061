package io.cloudledger.azurefn;

import java.util.Locale;
import java.util.Map;

/**
 * Whether App Service Authentication ("Easy Auth") signed the caller in with Entra ID: it sets
 * {@code X-MS-CLIENT-PRINCIPAL-ID} and {@code X-MS-CLIENT-PRINCIPAL-IDP} on authenticated requests
 * and strips those headers from what clients send, so their presence can be trusted.
 */
final class EntraPrincipal {
  private EntraPrincipal() {}

  static boolean signedIn(Map<String, String> headers) {
    String id = header(headers, "x-ms-client-principal-id");
    String provider = header(headers, "x-ms-client-principal-idp");
    return !id.isBlank() && provider.equalsIgnoreCase("aad");
  }

  private static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return "";
    }
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return entry.getValue() == null ? "" : entry.getValue();
      }
    }
    return "";
  }
}
