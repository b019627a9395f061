package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrganizationConfigTest {
  private static final String HEAD =
      "cloud_sessions:\n  - name: org\n    session_type: aws\n    organization:\n";

  static AwsSession only(String yaml) {
    return (AwsSession) ConfigLoader.parse(yaml, Fixtures.INLINE).sessions().get(0);
  }

  @Test
  void organization_whenAbsent_readsTheSessionsOwnAccount() {
    AwsSession session = only("cloud_sessions:\n  - name: a\n    session_type: aws\n");

    assertThat(session.accounts()).isInstanceOf(AwsAccounts.Own.class);
    assertThat(session.organization()).isEmpty();
  }

  @Test
  void organization_readsRoleExternalIdAndRules() {
    AwsSession session =
        only(
            HEAD
                + "      member_role: cloudledger-reader\n"
                + "      external_id: ENV/MEMBER_EXTERNAL_ID\n"
                + "      include_ous: [ou-ab12-cd34ef56]\n"
                + "      skip_ous: [ou-ab12-99999999]\n"
                + "      include_accounts: ['111111111111']\n"
                + "      skip_accounts: ['222222222222']\n");

    AwsOrganization organization = session.organization().orElseThrow();
    assertThat(organization.memberRole()).isEqualTo("cloudledger-reader");
    assertThat(organization.externalId())
        .isEqualTo(
            new ConfigValue.EnvReference(
                new ValueOrigin(Fixtures.INLINE, "cloud_sessions[0].organization.external_id", 6),
                "MEMBER_EXTERNAL_ID"));
    assertThat(organization.rules())
        .isEqualTo(
            new DiscoveryRules(
                List.of("ou-ab12-cd34ef56"),
                List.of("ou-ab12-99999999"),
                List.of("111111111111"),
                List.of("222222222222")));
  }

  @Test
  void organization_withoutMemberRole_isAnErrorWithFileAndLine() {
    List<ConfigProblem> errors = Fixtures.errors(HEAD + "      skip_ous: [r-ab12]\n");

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).format(Fixtures.INLINE))
        .startsWith("inline.yaml:5: cloud_sessions[0].organization.member_role: ")
        .endsWith("missing required key 'member_role'");
  }

  @Test
  void organization_withMalformedIds_namesEachOne() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            HEAD
                + "      member_role: reader\n"
                + "      include_ous: [production]\n"
                + "      skip_accounts: ['12345']\n");

    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).toString())
        .contains("cloud_sessions[0].organization.include_ous[0]")
        .contains("line=6")
        .contains("is not an OU or root id")
        .contains("'production'");
    assertThat(errors.get(1).toString())
        .contains("skip_accounts[0]")
        .contains("is not a 12-digit AWS account id");
  }

  @Test
  void organization_sameOuIncludedAndSkipped_isAnError() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            HEAD
                + "      member_role: reader\n"
                + "      include_ous: [ou-ab12-cd34ef56]\n"
                + "      skip_ous: [ou-ab12-cd34ef56]\n");

    assertThat(errors).singleElement().asString().contains("both in include_ous and in skip_ous");
  }

  @Test
  void organization_withUnknownKey_suggestsTheRightOne() {
    List<ConfigProblem> errors =
        Fixtures.errors(HEAD + "      member_role: reader\n      skip_ou: [r-ab12]\n");

    assertThat(errors).singleElement().asString().contains("did you mean 'skip_ous'");
  }

  @Test
  void organization_roleFromAReference_isAnError() {
    List<ConfigProblem> errors = Fixtures.errors(HEAD + "      member_role: ENV/ROLE\n");

    assertThat(errors).singleElement().asString().contains("must be written out");
  }

  @Test
  void organization_literalExternalId_isAWarningThatNeverEchoesIt() {
    List<ConfigProblem> warnings =
        Fixtures.warnings(
            HEAD + "      member_role: reader\n      external_id: hush-{account_id}\n");

    assertThat(warnings).singleElement().asString().contains("literal secret");
    assertThat(warnings.toString()).doesNotContain("hush");
  }
}
