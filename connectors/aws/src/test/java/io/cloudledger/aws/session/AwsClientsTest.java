package io.cloudledger.aws.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigException;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsClientsTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(2).withResourcesPerAccount(20));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void resetCounters() {
    sandbox.counters().reset();
  }

  private static AwsSession session(String extra) {
    String yaml =
        """
        cloud_sessions:
          - name: sandbox
            session_type: aws
            access_key_id: ENV/KEY_ID
            secret_access_key: ENV/SECRET_KEY
            endpoint_url: %s
        %s"""
            .formatted(sandbox.endpoints().aws(), extra.indent(4));
    return (AwsSession)
        ConfigLoader.parse(yaml, Path.of("clients-test.yaml")).sessions(SessionType.AWS).getFirst();
  }

  private static ConfigResolver resolver() {
    return new ConfigResolver(
        Map.of(
            "KEY_ID", sandbox.managementKeys().accessKeyId(),
            "SECRET_KEY", sandbox.managementKeys().secretAccessKey()),
        SecretLookup.none());
  }

  @Test
  void accountKey_withStaticKeys_asksCallerIdentityOnce() {
    try (AwsClients clients = AwsClients.create(session(""), resolver(), fast())) {
      AccountKey first = clients.accountKey();
      AccountKey second = clients.accountKey();

      String management = sandbox.estate().managementAccount().accountId();
      assertThat(first).isEqualTo(AccountKey.parse("aws#" + management)).isEqualTo(second);
      assertThat(sandbox.counters().calls("GetCallerIdentity", management)).isEqualTo(1);
      assertThat(clients.apiCalls()).isEqualTo(1);
    }
  }

  @Test
  void accountKey_withRole_comesFromTheRoleArnWithoutACall() {
    AwsAccount member = sandbox.estate().accounts().get(1);
    try (AwsClients clients =
        AwsClients.create(session("role_arn: " + member.roleArn()), resolver(), fast())) {
      assertThat(clients.accountKey()).isEqualTo(AccountKey.parse("aws#" + member.accountId()));
      assertThat(sandbox.counters().totalCalls()).isZero();
    }
  }

  @Test
  void resolveCredentials_withRole_assumesItOnceAndSignsAsTheMember() {
    AwsAccount member = sandbox.estate().accounts().get(1);
    String extra =
        "role_arn: "
            + member.roleArn()
            + member.requiredExternalId().map(id -> "\nexternal_id: " + id).orElse("");
    try (AwsClients clients = AwsClients.create(session(extra), resolver(), fast())) {
      clients.resolveCredentials();
      clients.resolveCredentials();
      List<String> regions =
          clients.ec2("us-east-1").describeRegions().regions().stream()
              .map(r -> r.regionName())
              .toList();

      assertThat(sandbox.counters().calls("AssumeRole", member.accountId())).isEqualTo(1);
      assertThat(sandbox.counters().calls("DescribeRegions", member.accountId())).isEqualTo(1);
      assertThat(regions).containsExactlyInAnyOrderElementsOf(member.enabledRegions());
    }
  }

  @Test
  void configuredRegions_areTheListedOnesOrEmptyForAll() {
    try (AwsClients listed =
            AwsClients.create(session("regions: [eu-west-1, us-east-1]"), resolver(), fast());
        AwsClients all = AwsClients.create(session("regions: all"), resolver(), fast())) {
      assertThat(listed.configuredRegions()).contains(List.of("eu-west-1", "us-east-1"));
      assertThat(all.configuredRegions()).isEmpty();
      assertThat(all.homeRegion()).isEqualTo(AwsClients.DEFAULT_REGION);
    }
  }

  @Test
  void create_whenAKeyVariableIsMissing_namesTheReferenceNotAValue() {
    ConfigResolver empty = new ConfigResolver(Map.of(), SecretLookup.none());

    assertThatThrownBy(() -> AwsClients.create(session(""), empty, fast()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ENV/KEY_ID");
  }

  @Test
  void resolveCredentials_withAProfileThatDoesNotExist_failsPermanently() {
    String yaml =
        """
        cloud_sessions:
          - name: no_profile
            session_type: aws
            profile: cloudledger-test-no-such-profile
            endpoint_url: %s
        """
            .formatted(sandbox.endpoints().aws());
    AwsSession session =
        (AwsSession)
            ConfigLoader.parse(yaml, Path.of("profile-test.yaml"))
                .sessions(SessionType.AWS)
                .getFirst();

    try (AwsClients clients = AwsClients.create(session, resolver(), fast())) {
      assertThatThrownBy(clients::resolveCredentials)
          .isInstanceOfSatisfying(
              PermanentException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("credentials-unavailable");
                assertThat(e.getMessage()).contains("session no_profile");
              });
    }
  }

  @Test
  void resolveCredentials_whenStsIsUnreachable_isRetryable() {
    AwsAccount member = sandbox.estate().accounts().get(1);
    String closedPort = "http://127.0.0.1:9";
    String yaml =
        """
        cloud_sessions:
          - name: unreachable
            session_type: aws
            access_key_id: ENV/KEY_ID
            secret_access_key: ENV/SECRET_KEY
            role_arn: %s
            endpoint_url: %s
        """
            .formatted(member.roleArn(), closedPort);
    AwsSession session =
        (AwsSession)
            ConfigLoader.parse(yaml, Path.of("sts-down.yaml")).sessions(SessionType.AWS).getFirst();

    try (AwsClients clients = AwsClients.create(session, resolver(), fast().withMaxAttempts(2))) {
      assertThatThrownBy(clients::resolveCredentials)
          .isInstanceOfSatisfying(
              RetryableException.class, e -> assertThat(e.reason()).isEqualTo("connection-failed"));
    }
  }

  @Test
  void accountOfRole_acceptsIamRoleArnsOnly() {
    assertThat(AwsClients.accountOfRole("arn:aws:iam::123456789012:role/reader"))
        .isEqualTo("123456789012");
    assertThatThrownBy(() -> AwsClients.accountOfRole("arn:aws:iam::123:user/bob"))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.reason()).isEqualTo("invalid-role-arn"));
  }

  @Test
  void describeSession_namesSessionAndRoleButNoSecret() {
    AwsAccount member = sandbox.estate().accounts().get(1);
    try (AwsClients clients =
        AwsClients.create(
            session("role_arn: " + member.roleArn() + "\nexternal_id: cl-ext-secret-ish"),
            resolver(),
            fast())) {
      assertThat(clients.describeSession())
          .contains("sandbox", member.roleArn())
          .doesNotContain("cl-ext-secret-ish")
          .doesNotContain(sandbox.managementKeys().secretAccessKey());
      assertThat(Optional.of(clients.sessionName())).contains("sandbox");
    }
  }

  private static AwsClientSettings fast() {
    return AwsClientSettings.defaults()
        .withBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(10));
  }
}
