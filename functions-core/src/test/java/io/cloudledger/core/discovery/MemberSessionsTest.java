package io.cloudledger.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.secrets.SecretValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberSessionsTest {
  static AwsSession session(String organization) {
    String yaml =
        "cloud_sessions:\n  - name: org\n    session_type: aws\n    region: eu-west-1\n"
            + "    endpoint_url: http://127.0.0.1:9\n"
            + organization;
    return (AwsSession) ConfigLoader.parse(yaml, Path.of("m.yaml")).sessions().get(0);
  }

  static final ConfigResolver RESOLVER =
      new ConfigResolver(
          Map.of(),
          name ->
              name.equals("member_external_id")
                  ? Optional.of(SecretValue.of("ext-{account_id}"))
                  : Optional.empty());

  @Test
  void aws_assumesTheMemberRole_withTheExternalIdTemplateFilledIn() {
    AwsSession org =
        session(
            "    organization:\n      member_role: audit/cloudledger-reader\n"
                + "      external_id: SEC/member_external_id\n");

    AwsSession member = MemberSessions.aws(org, "123456789012", RESOLVER);

    assertThat(member.name()).isEqualTo("org-123456789012");
    assertThat(RESOLVER.resolveText(member.roleArn()))
        .isEqualTo("arn:aws:iam::123456789012:role/audit/cloudledger-reader");
    assertThat(RESOLVER.resolveSecret(member.externalId()).reveal()).isEqualTo("ext-123456789012");
    assertThat(member.organization()).isEmpty();
    assertThat(member.endpoints()).isEqualTo(org.endpoints());
    assertThat(member.credentials()).isEqualTo(org.credentials());
    assertThat(member.toString()).doesNotContain("ext-123456789012");
  }

  @Test
  void aws_withoutExternalId_presentsNone() {
    AwsSession member =
        MemberSessions.aws(
            session("    organization:\n      member_role: reader\n"), "123456789012", RESOLVER);

    assertThat(member.externalId().isSet()).isFalse();
  }

  @Test
  void aws_ofASessionWithoutOrganization_isRefused() {
    assertThatThrownBy(() -> MemberSessions.aws(session(""), "123456789012", RESOLVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'org' has no organization");
  }

  @Test
  void partition_followsTheHomeRegion() {
    assertThat(MemberSessions.partition(Optional.of("cn-north-1"))).isEqualTo("aws-cn");
    assertThat(MemberSessions.partition(Optional.of("us-gov-west-1"))).isEqualTo("aws-us-gov");
    assertThat(MemberSessions.partition(Optional.of("us-east-1"))).isEqualTo("aws");
  }
}
