package io.cloudledger.core.config;

/**
 * An AWS session. {@code region} is the home region (STS, region discovery; default {@code
 * us-east-1}); {@code roleArn} and {@code externalId} are {@link ConfigValue.Unset} when no role is
 * assumed; {@code roleSessionName} defaults to {@code cloudledger}. {@code costExplorer} ({@code
 * cost_explorer: true}) marks the session of a payer (management) account: its one Cost Explorer
 * query returns the costs of every linked account. {@code accounts} says whether the session reads
 * its own account or discovers an organization's members ({@link AwsOrganization}).
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
    boolean costExplorer,
    AwsAccounts accounts)
    implements CloudSession {

  /** A session that reads its own account. */
  public AwsSession(
      ValueOrigin origin,
      String name,
      ConfigValue region,
      AwsCredentials credentials,
      ConfigValue roleArn,
      ConfigValue roleSessionName,
      ConfigValue externalId,
      RegionSelection regions,
      ServiceEndpoints endpoints,
      boolean costExplorer) {
    this(
        origin,
        name,
        region,
        credentials,
        roleArn,
        roleSessionName,
        externalId,
        regions,
        endpoints,
        costExplorer,
        new AwsAccounts.Own());
  }

  public AwsSession {
    java.util.Objects.requireNonNull(accounts, "accounts");
  }

  @Override
  public SessionType type() {
    return SessionType.AWS;
  }

  /** True when the base credentials are used to assume {@link #roleArn()}. */
  public boolean assumesRole() {
    return roleArn.isSet();
  }

  /** The organization this session discovers, if it is an organization session. */
  public java.util.Optional<AwsOrganization> organization() {
    return accounts instanceof AwsOrganization organization
        ? java.util.Optional.of(organization)
        : java.util.Optional.empty();
  }
}
