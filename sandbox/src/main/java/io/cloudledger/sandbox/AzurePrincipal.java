package io.cloudledger.sandbox;

/**
 * The service principal the sandbox's Azure AD token endpoint accepts: tenant, client id and client
 * secret. Fixed, published sandbox values that grant nothing anywhere else.
 */
public record AzurePrincipal(String tenantId, String clientId, String clientSecret) {
  /** The sandbox principal's client (application) id. */
  public static final String CLIENT_ID = "5a4db0c5-0000-4c1d-8e00-000000c10ed1";

  /** The sandbox principal's secret (a published sandbox value, not a secret). */
  public static final String CLIENT_SECRET = "sandbox~azure~client~secret~not~a~secret";

  @Override
  public String toString() {
    return "AzurePrincipal[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=***]";
  }
}
