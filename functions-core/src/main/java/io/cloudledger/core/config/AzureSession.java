package io.cloudledger.core.config;

import java.util.List;

/**
 * An Azure session. {@code tenantId}, {@code clientId}, {@code endpointUrl} and {@code
 * authorityHost} are {@link ConfigValue.Unset} when not given; an empty {@code subscriptionIds}
 * means every subscription the credential can see.
 */
public record AzureSession(
    ValueOrigin origin,
    String name,
    ConfigValue tenantId,
    ConfigValue clientId,
    AzureAuth auth,
    List<ConfigValue> subscriptionIds,
    ConfigValue endpointUrl,
    ConfigValue authorityHost)
    implements CloudSession {

  public AzureSession {
    subscriptionIds = List.copyOf(subscriptionIds);
  }

  @Override
  public SessionType type() {
    return SessionType.AZURE;
  }
}
