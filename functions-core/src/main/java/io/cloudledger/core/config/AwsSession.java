package io.cloudledger.core.config;

/**
 * An AWS session. {@code region} is the home region (STS, region discovery; default {@code
 * us-east-1}); {@code roleArn} and {@code externalId} are {@link ConfigValue.Unset} when no role is
 * assumed; {@code roleSessionName} defaults to {@code cloudledger}. {@code costExplorer} ({@code
 * cost_explorer: true}) marks the session of a payer (management) account: its one Cost Explorer
 * query returns the costs of every linked account.
 */
public record AwsSession(
    ValueOrigin origin,
    String name,
    ConfigValue region,
    AwsCredentials credentials,
    ConfigValue roleArn,
    ConfigValue roleSessionName,
    ConfigValue externalId,
    RegionSelection regions,
    ServiceEndpoints endpoints,
    boolean costExplorer)
    implements CloudSession {

  @Override
  public SessionType type() {
    return SessionType.AWS;
  }

  /** True when the base credentials are used to assume {@link #roleArn()}. */
  public boolean assumesRole() {
    return roleArn.isSet();
  }
}
