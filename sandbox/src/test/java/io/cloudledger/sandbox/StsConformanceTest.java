package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Ec2Instance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** Drives STS (and EC2 with assumed credentials) only through the real SDK clients. */
class StsConformanceTest {
  private static Sandbox sandbox;
  private static StsClient sts;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(3).withResourcesPerAccount(60));
    sts = SdkClients.sts(sandbox, SdkClients.management(sandbox));
  }

  @AfterAll
  static void stop() {
    sts.close();
    sandbox.close();
  }

  private static AwsAccount memberWithExternalId() {
    return sandbox.estate().accounts().stream()
        .filter(a -> a.requiredExternalId().isPresent())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void getCallerIdentity_withManagementKeys_namesTheManagementAccount() {
    GetCallerIdentityResponse identity = sts.getCallerIdentity();

    String account = sandbox.estate().managementAccount().accountId();
    assertThat(identity.account()).isEqualTo(account);
    assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + account + ":user/cloudledger-sandbox");
  }

  @Test
  void assumeRole_returnsTemporaryCredentialsWhoseKeyIdentifiesTheAccount() {
    AwsAccount target = sandbox.estate().accounts().get(2);
    AssumeRoleResponse response =
        sts.assumeRole(r -> r.roleArn(target.roleArn()).roleSessionName("probe"));

    assertThat(response.credentials().accessKeyId())
        .startsWith("ASIA" + target.accountId())
        .hasSize(20);
    assertThat(response.credentials().sessionToken()).isNotEmpty();
    assertThat(response.credentials().expiration()).isAfter(java.time.Instant.now());
    assertThat(response.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + target.accountId() + ":assumed-role/cloudledger-reader/probe");
  }

  @Test
  void assumedRoleCredentials_seeOnlyTheirAccount() {
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (StsAssumeRoleCredentialsProvider credentials =
              SdkClients.assumeRole(
                  sts, account.roleArn(), account.requiredExternalId().orElse(""));
          StsClient asRole = SdkClients.sts(sandbox, credentials)) {
        assertThat(asRole.getCallerIdentity().account()).isEqualTo(account.accountId());

        List<String> seen = new ArrayList<>();
        for (String region : account.enabledRegions()) {
          try (Ec2Client ec2 = SdkClients.ec2(sandbox, credentials, region)) {
            ec2.describeInstancesPaginator(r -> r.maxResults(25))
                .reservations()
                .forEach(
                    reservation -> {
                      assertThat(reservation.ownerId()).isEqualTo(account.accountId());
                      reservation.instances().forEach(i -> seen.add(i.instanceId()));
                    });
          }
        }
        assertThat(seen)
            .containsExactlyInAnyOrderElementsOf(
                account.instances().stream().map(Ec2Instance::instanceId).toList());
      }
    }
  }

  @Test
  void assumeRole_withWrongExternalId_isAccessDenied() {
    AwsAccount member = memberWithExternalId();

    assertThatThrownBy(
            () ->
                sts.assumeRole(
                    r -> r.roleArn(member.roleArn()).roleSessionName("probe").externalId("wrong")))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.getMessage()).contains("sts:AssumeRole").doesNotContain("cl-ext-");
            });
  }

  @Test
  void assumeRole_withoutRequiredExternalId_isAccessDenied() {
    AwsAccount member = memberWithExternalId();

    assertThatThrownBy(
            () -> sts.assumeRole(r -> r.roleArn(member.roleArn()).roleSessionName("probe")))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
  }

  @Test
  void assumeRole_intoUnknownAccountOrRole_isAccessDenied() {
    String managementId = sandbox.estate().managementAccount().accountId();
    for (String arn :
        List.of(
            "arn:aws:iam::000000000000:role/cloudledger-reader",
            "arn:aws:iam::" + managementId + ":role/admin")) {
      assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("probe")))
          .isInstanceOfSatisfying(
              StsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }
  }

  @Test
  void anyCall_withUnknownAccessKey_isInvalidClientTokenId() {
    try (StsClient unknown =
        SdkClients.sts(sandbox, SdkClients.keys("AKIAUNKNOWN000000000", "x"))) {
      assertThatThrownBy(unknown::getCallerIdentity)
          .isInstanceOfSatisfying(
              StsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
              });
    }
  }
}
