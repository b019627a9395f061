/**
 * AWS Secrets Manager behind the core ports: {@link
 * io.cloudledger.aws.secrets.AwsSecretsManagerStore} ({@code SecretStore}), {@link
 * io.cloudledger.aws.secrets.SecretsManagerVersions} ({@code VersionedSecrets} for rotation), the
 * IAM access-key rotation target, and {@link io.cloudledger.aws.secrets.SecretsManagerRotations},
 * which picks a secret's rotation target from its tags.
 */
package io.cloudledger.aws.secrets;
