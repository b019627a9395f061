package io.cloudledger.core.config;

/** How a GCP session authenticates. */
public sealed interface GcpCredentials
    permits GcpCredentials.ServiceAccountKey, GcpCredentials.ApplicationDefault {

  /** A service-account key (its JSON), typically a {@code SEC/} reference. */
  record ServiceAccountKey(ConfigValue keyJson) implements GcpCredentials {}

  /** Application default credentials, used when {@code credentials} is absent. */
  record ApplicationDefault() implements GcpCredentials {}
}
