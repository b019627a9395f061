package io.cloudledger.core.config;

/** How an AWS session gets its base credentials (before an optional role assumption). */
public sealed interface AwsCredentials
    permits AwsCredentials.DefaultChain, AwsCredentials.Profile, AwsCredentials.StaticKeys {

  /** The SDK's default provider chain (environment, container or instance role...). */
  record DefaultChain() implements AwsCredentials {}

  /** A named profile of the shared AWS config files. */
  record Profile(ConfigValue profile) implements AwsCredentials {}

  /** An access key pair; {@code sessionToken} is {@link ConfigValue.Unset} for long-term keys. */
  record StaticKeys(ConfigValue accessKeyId, ConfigValue secretAccessKey, ConfigValue sessionToken)
      implements AwsCredentials {}
}
