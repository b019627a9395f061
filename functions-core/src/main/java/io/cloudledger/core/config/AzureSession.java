package io.cloudledger.core.config;

import java.util.List;

/**
 * An Azure session. {@code tenantId}, {@code clientId}, {@code endpointUrl} and {@code
 * authorityHost} are {@link ConfigValue.Unset} when not given; an empty {@code subscriptionIds}
 * means every subscription the credential can see, or those under {@code discovery}'s management
 * groups ({@link DiscoveryRules#includeGroups()}) less its skipped subscriptions.
 */
public record AzureSession(
    ValueOrigin origin,
    String name,
    ConfigValue tenantId,
    ConfigValue clientId,
    AzureAuth auth,
    List<ConfigValue> subscriptionIds,
    ConfigValue endpointUrl,
    ConfigValue authorityHost,
    DiscoveryRules discovery)
    implements CloudSession {

  /** A session without discovery rules. */
  public AzureSession(
      ValueOrigin origin,
      String name,
      ConfigValue tenantId,
      ConfigValue clientId,
      AzureAuth auth,
      List<ConfigValue> subscriptionIds,
      ConfigValue endpointUrl,
      ConfigValue authorityHost) {
    this(
        origin,
        name,
        tenantId,
        clientId,
        auth,
        subscriptionIds,
        endpointUrl,
        authorityHost,
        DiscoveryRules.none());
  }

  public AzureSession {
    subscriptionIds = List.copyOf(subscriptionIds);
    java.util.Objects.requireNonNull(discovery, "discovery");
  }

  @Override
  public SessionType type() {
    return SessionType.AZURE;
  }
}
