package io.cloudledger.azure.session;

import com.azure.core.management.AzureEnvironment;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a session's ARM and Azure AD calls go: Azure's public cloud by default, or the {@code
 * endpoint_url} and {@code authority_host} of the session (a sovereign cloud, the sandbox). A
 * plain-http ARM endpoint is given to the SDK as https and downgraded by {@link HttpsToHttpPolicy}
 * on the wire, for ARM and for an authority on the same host and port.
 *
 * @param environment the SDK environment, with the overridden endpoints
 * @param authorityHost the Azure AD authority the credential signs in at
 * @param plainHttp the endpoint to downgrade to http, if any
 */
public record AzureEndpoints(
    AzureEnvironment environment, String authorityHost, Optional<URI> plainHttp) {

  private static final String RESOURCE_MANAGER = "resourceManagerEndpointUrl";
  private static final String ACTIVE_DIRECTORY = "activeDirectoryEndpointUrl";

  /** Azure's public cloud. */
  public static AzureEndpoints publicCloud() {
    return new AzureEndpoints(
        AzureEnvironment.AZURE,
        AzureEnvironment.AZURE.getActiveDirectoryEndpoint(),
        Optional.empty());
  }

  /**
   * The public cloud with {@code resourceManager} and/or {@code authorityHost} replaced; the
   * authority must be https (the SDK refuses anything else).
   */
  public static AzureEndpoints of(Optional<URI> resourceManager, Optional<URI> authorityHost) {
    if (resourceManager.isEmpty() && authorityHost.isEmpty()) {
      return publicCloud();
    }
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    Optional<URI> plainHttp = Optional.empty();
    if (resourceManager.isPresent()) {
      URI arm = resourceManager.get();
      if ("http".equals(arm.getScheme().toLowerCase(Locale.ROOT))) {
        plainHttp = Optional.of(arm);
        arm = URI.create("https" + arm.toString().substring(4));
      }
      endpoints.put(RESOURCE_MANAGER, withTrailingSlash(arm.toString()));
    }
    String authority =
        authorityHost
            .map(URI::toString)
            .map(AzureEndpoints::withTrailingSlash)
            .orElse(AzureEnvironment.AZURE.getActiveDirectoryEndpoint());
    endpoints.put(ACTIVE_DIRECTORY, authority);
    return new AzureEndpoints(new AzureEnvironment(endpoints), authority, plainHttp);
  }

  /** Whether the authority is not Microsoft's public one, so MSAL must not look it up there. */
  public boolean customAuthority() {
    return !authorityHost.equals(AzureEnvironment.AZURE.getActiveDirectoryEndpoint());
  }

  /** The ARM base URL the SDK is given. */
  public String resourceManager() {
    return environment.getResourceManagerEndpoint();
  }

  private static String withTrailingSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
