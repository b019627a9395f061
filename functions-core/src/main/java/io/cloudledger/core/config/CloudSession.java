package io.cloudledger.core.config;

/** One entry of {@code cloud_sessions}: how to reach one cloud with one set of credentials. */
public sealed interface CloudSession permits AwsSession, AzureSession, GcpSession {

  /** Where the session is written ({@code cloud_sessions[i]}). */
  ValueOrigin origin();

  String name();

  SessionType type();
}
