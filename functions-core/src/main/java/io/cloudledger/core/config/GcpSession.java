package io.cloudledger.core.config;

import java.util.List;

/**
 * A GCP session. An empty {@code projectIds} means "discover": the projects under {@code
 * discovery}'s parents ({@code organizations/N}, {@code folders/N}, recursively), or every project
 * the credential can see when no parent is given, less skipped folders and projects; {@code
 * endpointUrl} is {@link ConfigValue.Unset} unless overridden.
 */
public record GcpSession(
    ValueOrigin origin,
    String name,
    GcpCredentials credentials,
    List<ConfigValue> projectIds,
    ConfigValue endpointUrl,
    DiscoveryRules discovery)
    implements CloudSession {

  /** A session without discovery rules. */
  public GcpSession(
      ValueOrigin origin,
      String name,
      GcpCredentials credentials,
      List<ConfigValue> projectIds,
      ConfigValue endpointUrl) {
    this(origin, name, credentials, projectIds, endpointUrl, DiscoveryRules.none());
  }

  public GcpSession {
    projectIds = List.copyOf(projectIds);
    java.util.Objects.requireNonNull(discovery, "discovery");
  }

  @Override
  public SessionType type() {
    return SessionType.GCP;
  }
}
