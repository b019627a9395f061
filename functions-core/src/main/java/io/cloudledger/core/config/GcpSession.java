package io.cloudledger.core.config;

import java.util.List;

/**
 * A GCP session. An empty {@code projectIds} means every project the credential can see; {@code
 * endpointUrl} is {@link ConfigValue.Unset} unless overridden.
 */
public record GcpSession(
    ValueOrigin origin,
    String name,
    GcpCredentials credentials,
    List<ConfigValue> projectIds,
    ConfigValue endpointUrl)
    implements CloudSession {

  public GcpSession {
    projectIds = List.copyOf(projectIds);
  }

  @Override
  public SessionType type() {
    return SessionType.GCP;
  }
}
