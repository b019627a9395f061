package io.cloudledger.aws.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.CheckStatus;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code accounts check}'s AWS probe through the real SDK clients against the sandbox. */
class AwsAccountProbeTest {
  private static final AwsClientSettings FAST =
      AwsClientSettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(3).withResourcesPerAccount(20));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static AccountHealth check(AwsAccount account, String externalId, String secretKey) {
    String yaml =
        "cloud_sessions:\n  - name: probe\n    session_type: aws\n"
            + "    access_key_id: ENV/KEY\n    secret_access_key: ENV/SECRET\n"
            + "    role_arn: "
            + account.roleArn()
            + "\n"
            + (externalId.isEmpty() ? "" : "    external_id: SEC/ext\n")
            + "    endpoint_url: "
            + sandbox.endpoints().aws()
            + "\n";
    AwsSession session =
        (AwsSession) ConfigLoader.parse(yaml, Path.of("probe.yaml")).sessions().getFirst();
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of("KEY", sandbox.managementKeys().accessKeyId(), "SECRET", secretKey),
            name -> Optional.of(SecretValue.of(externalId)));
    try (AwsAccountProbe probe = AwsAccountProbe.create(session, resolver, FAST)) {
      return probe.check();
    }
  }

  private static AccountHealth check(AwsAccount account, String externalId) {
    return check(account, externalId, sandbox.managementKeys().secretAccessKey());
  }

  @Test
  void probes_coverEveryActionOfTheMemberRole_inTheSameOrder() {
    assertThat(AwsAccountProbe.probes().keySet())
        .containsExactlyElementsOf(AwsReadPermissions.all());
  }

  @Test
  void check_onboardedAccount_isHealthy() {
    AwsAccount account = sandbox.estate().accounts().get(1);

    AccountHealth health = check(account, account.externalId());

    assertThat(health.healthy()).isTrue();
    assertThat(health.account()).isEqualTo("aws#" + account.accountId());
    assertThat(health.checks())
        .extracting(HealthCheck::name)
        .containsExactly(
            "credentials",
            "sts:AssumeRole",
            "ec2:DescribeRegions",
            "ec2:DescribeInstances",
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "s3:ListAllMyBuckets");
  }

  @Test
  void check_wrongExternalId_failsTheAssumeRole_andProbesNothingElse() {
    AwsAccount account = sandbox.estate().accounts().get(1);

    AccountHealth health = check(account, "not-the-external-id");

    assertThat(health.healthy()).isFalse();
    assertThat(health.checks()).hasSize(2);
    HealthCheck role = health.checks().get(1);
    assertThat(role.name()).isEqualTo("sts:AssumeRole");
    assertThat(role.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(role.detail()).contains("AccessDenied").contains("ExternalId");
    assertThat(health.toString()).doesNotContain("not-the-external-id");
  }

  @Test
  void check_deniedActions_areReportedMissingByTheirExactIamName() {
    AwsAccount account = sandbox.estate().accounts().get(2);
    sandbox
        .faults()
        .replace(
            FaultPlan.parse("DescribeVpcs@" + account.accountId() + ":deny;ListBuckets@*:deny"));

    AccountHealth health = check(account, "");

    assertThat(health.healthy()).isFalse();
    assertThat(health.missingPermissions())
        .containsExactly("ec2:DescribeVpcs", "s3:ListAllMyBuckets");
    assertThat(health.checks())
        .filteredOn(c -> c.name().equals("ec2:DescribeVpcs"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("UnauthorizedOperation"));
    assertThat(health.failures()).isEmpty();
  }

  @Test
  void check_unknownAccessKey_failsTheCredentials() {
    AwsAccount account = sandbox.estate().accounts().get(0);
    String yaml =
        "cloud_sessions:\n  - name: probe\n    session_type: aws\n"
            + "    access_key_id: ENV/KEY\n    secret_access_key: ENV/SECRET\n"
            + "    endpoint_url: "
            + sandbox.endpoints().aws()
            + "\n";
    AwsSession session =
        (AwsSession) ConfigLoader.parse(yaml, Path.of("probe.yaml")).sessions().getFirst();
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of("KEY", "AKIAUNKNOWNKEY000000", "SECRET", "wrong-secret-value"),
            name -> Optional.empty());

    AccountHealth health;
    try (AwsAccountProbe probe = AwsAccountProbe.create(session, resolver, FAST)) {
      health = probe.check();
    }

    assertThat(account).isNotNull();
    assertThat(health.account()).isEqualTo("probe");
    assertThat(health.checks())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("credentials");
              assertThat(c.status()).isEqualTo(CheckStatus.FAILED);
              assertThat(c.detail()).contains("InvalidClientTokenId");
            });
    assertThat(health.toString()).doesNotContain("wrong-secret-value");
  }
}
