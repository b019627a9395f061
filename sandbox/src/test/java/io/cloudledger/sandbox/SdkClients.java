package io.cloudledger.sandbox;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Real AWS SDK v2 clients pointed at a sandbox: only endpoint and credentials differ from AWS. */
final class SdkClients {
  static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

  private SdkClients() {}

  /** The SDK's standard retry strategy (3 attempts), with short backoffs to keep tests fast. */
  static RetryStrategy standardRetries() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .backoffStrategy(
            BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
        .build();
  }

  static AwsCredentialsProvider management(Sandbox sandbox) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            sandbox.managementKeys().accessKeyId(), sandbox.managementKeys().secretAccessKey()));
  }

  static AwsCredentialsProvider keys(String accessKeyId, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
  }

  static Ec2Client ec2(Sandbox sandbox, AwsCredentialsProvider credentials, String region) {
    return Ec2Client.builder()
        .endpointOverride(sandbox.endpoints().aws())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(HTTP)
        .overrideConfiguration(c -> c.retryStrategy(standardRetries()))
        .build();
  }

  static StsClient sts(Sandbox sandbox, AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(sandbox.endpoints().aws())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(HTTP)
        .overrideConfiguration(c -> c.retryStrategy(standardRetries()))
        .build();
  }

  static S3Client s3(Sandbox sandbox, AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .endpointOverride(sandbox.endpoints().aws())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials)
        .httpClient(HTTP)
        .overrideConfiguration(c -> c.retryStrategy(standardRetries()))
        .build();
  }

  /** Assumed-role credentials for {@code roleArn}, obtained through the sandbox's STS. */
  static StsAssumeRoleCredentialsProvider assumeRole(
      StsClient sts, String roleArn, String externalIdOrEmpty) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(
            r -> {
              r.roleArn(roleArn).roleSessionName("cloudledger-test");
              if (!externalIdOrEmpty.isEmpty()) {
                r.externalId(externalIdOrEmpty);
              }
            })
        .build();
  }
}
