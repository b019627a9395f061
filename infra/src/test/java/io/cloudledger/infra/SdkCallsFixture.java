package io.cloudledger.infra;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Calls the derivation must see; never run, only imported as bytecode. */
final class SdkCallsFixture {
  private SdkCallsFixture() {}

  static void calls(Ec2Client ec2, S3Client s3, StsClient sts, IamClient iam) {
    ec2.describeVolumesPaginator(r -> r.maxResults(5)).forEach(page -> {});
    s3.listBuckets();
    s3.getBucketLocation(r -> r.bucket("b"));
    StsAssumeRoleCredentialsProvider.builder().stsClient(sts).build();
    sts.close();
    iam.listAccessKeys();
  }
}
