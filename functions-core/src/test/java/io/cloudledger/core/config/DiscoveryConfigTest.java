package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Azure and GCP discovery keys: management groups, parents, skips; and what excludes them. */
class DiscoveryConfigTest {

  @Test
  void azure_managementGroupsAndSkips_becomeDiscoveryRules() {
    AzureSession session =
        (AzureSession)
            ConfigLoader.parse(
                    "cloud_sessions:\n  - name: z\n    session_type: azure\n"
                        + "    management_groups: [corp-prod]\n"
                        + "    skip_subscriptions: [00000000-0000-0000-0000-000000000001]\n",
                    Fixtures.INLINE)
                .sessions()
                .getFirst();

    assertThat(session.discovery())
        .isEqualTo(
            new DiscoveryRules(
                List.of("corp-prod"),
                List.of(),
                List.of(),
                List.of("00000000-0000-0000-0000-000000000001")));
  }

  @Test
  void azure_subscriptionIdsWithManagementGroups_isAnError() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            "cloud_sessions:\n  - name: z\n    session_type: azure\n"
                + "    subscription_ids: [00000000-0000-0000-0000-000000000001]\n"
                + "    management_groups: [corp-prod]\n");

    assertThat(errors).singleElement().asString().contains("keep one or the other");
  }

  @Test
  void gcp_withoutProjectIds_isValid_andParentsAreRead() {
    GcpSession session =
        (GcpSession)
            ConfigLoader.parse(
                    "cloud_sessions:\n  - name: g\n    session_type: gcp\n"
                        + "    parents: [organizations/123, folders/456]\n"
                        + "    skip_folders: [folders/789]\n"
                        + "    skip_projects: [sandbox-project]\n",
                    Fixtures.INLINE)
                .sessions()
                .getFirst();

    assertThat(session.projectIds()).isEmpty();
    assertThat(session.discovery().includeGroups())
        .containsExactly("organizations/123", "folders/456");
    assertThat(session.discovery().skipGroups()).containsExactly("folders/789");
    assertThat(session.discovery().skipAccounts()).containsExactly("sandbox-project");
  }

  @Test
  void gcp_malformedParent_namesTheExpectedShape() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            "cloud_sessions:\n  - name: g\n    session_type: gcp\n    parents: [projects/1]\n");

    assertThat(errors)
        .singleElement()
        .asString()
        .contains("parents[0]")
        .contains("organizations/123 or folders/456");
  }
}
