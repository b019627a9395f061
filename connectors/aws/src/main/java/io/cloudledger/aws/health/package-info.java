/**
 * Onboarding checks of AWS accounts: the read permissions the connector needs ({@link
 * io.cloudledger.aws.health.AwsReadPermissions}, shared with the infra member role) and a probe
 * that tries each with one cheap call.
 */
package io.cloudledger.aws.health;
