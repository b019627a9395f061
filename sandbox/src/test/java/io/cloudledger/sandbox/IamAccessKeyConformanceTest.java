package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.model.StsException;

/** IAM access keys: a created key signs requests at once, a deleted one no longer does. */
class IamAccessKeyConformanceTest {
  Sandbox sandbox;
  IamClient iam;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    iam = iam(SdkClients.management(sandbox));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private IamClient iam(
      software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
    return IamClient.builder()
        .endpointOverride(sandbox.endpoints().aws())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials)
        .httpClient(SdkClients.HTTP)
        .build();
  }

  @Test
  void createAccessKey_newKeySignsStsCalls_untilDeleted() {
    AccessKey key = iam.createAccessKey(r -> {}).accessKey();
    assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(key.userName()).isEqualTo("cloudledger-sandbox");
    var withNewKey =
        SdkClients.sts(sandbox, SdkClients.keys(key.accessKeyId(), key.secretAccessKey()));
    assertThat(withNewKey.getCallerIdentity().arn()).endsWith(":user/cloudledger-sandbox");
    assertThat(iam.listAccessKeys().accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId)
        .containsExactlyInAnyOrder(sandbox.managementKeys().accessKeyId(), key.accessKeyId());

    // The new key deletes the old one: the old one stops working.
    iam(SdkClients.keys(key.accessKeyId(), key.secretAccessKey()))
        .deleteAccessKey(r -> r.accessKeyId(sandbox.managementKeys().accessKeyId()));
    assertThatThrownBy(
            () -> SdkClients.sts(sandbox, SdkClients.management(sandbox)).getCallerIdentity())
        .isInstanceOf(StsException.class)
        .hasMessageContaining("security token included in the request is invalid");
    assertThat(withNewKey.getCallerIdentity().account()).isNotEmpty();
  }

  @Test
  void createAccessKey_beyondTwoPerUser_isLimitExceeded_andUnknownKeyIsNoSuchEntity() {
    iam.createAccessKey(r -> {});
    assertThatThrownBy(() -> iam.createAccessKey(r -> {}))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> iam.deleteAccessKey(r -> r.accessKeyId("AKIANOTAKEY000000000")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void createUser_thenItsKey_signsAsThatUser_andUsersHaveTheirOwnLimit() {
    iam.createUser(r -> r.userName("app-user"));
    AccessKey key = iam.createAccessKey(r -> r.userName("app-user")).accessKey();
    iam.createAccessKey(r -> {}); // the management user's second key, a separate quota

    var sts = SdkClients.sts(sandbox, SdkClients.keys(key.accessKeyId(), key.secretAccessKey()));
    assertThat(sts.getCallerIdentity().arn()).endsWith(":user/app-user");
    IamClient asUser = iam(SdkClients.keys(key.accessKeyId(), key.secretAccessKey()));
    assertThat(asUser.listAccessKeys().accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId)
        .containsExactly(key.accessKeyId());
    assertThatThrownBy(() -> iam.createUser(r -> r.userName("app-user")))
        .isInstanceOf(software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException.class);
    assertThatThrownBy(() -> iam.createAccessKey(r -> r.userName("nobody")))
        .isInstanceOf(NoSuchEntityException.class);
  }
}
