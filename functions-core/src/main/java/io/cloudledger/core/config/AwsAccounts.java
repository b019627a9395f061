package io.cloudledger.core.config;

/**
 * Which accounts an AWS session reads: its own (the account of its credentials or role), or every
 * member of the organization it manages ({@link AwsOrganization}).
 */
public sealed interface AwsAccounts permits AwsAccounts.Own, AwsOrganization {

  /** The session reads the one account its credentials (or role) belong to. */
  record Own() implements AwsAccounts {}
}
