package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code accounts check} over the three clouds of a sandbox estate, with one denial in each. */
class AccountProbesAllCloudsTest {

  @Test
  void check_namesTheMissingPermissionOfEachCloud() {
    try (SandboxEstate estate =
        SandboxEstate.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(8)
                .withAzure(AzureSandboxOptions.none().withSubscriptions(1))
                .withGcpProjects(1),
            Map.of())) {
      var sandbox = estate.sandbox();
      String subscription = sandbox.estate().azure().subscriptions().getFirst().subscriptionId();
      String project = sandbox.estate().gcp().projects().getFirst().projectId();
      String account = sandbox.estate().accounts().getFirst().accountId();
      sandbox
          .faults()
          .replace(
              FaultPlan.parse(
                  "DescribeVpcs@"
                      + account
                      + ":deny;StorageAccounts_List@"
                      + subscription
                      + ":deny;networks.list@"
                      + project
                      + ":deny"));

      List<AccountHealth> results =
          AccountProbes.check(
              estate.config(),
              new ConfigResolver(estate.environment(), SecretLookup.none()),
              Set.of(),
              4);

      assertThat(results)
          .extracting(AccountHealth::account)
          .containsExactly("aws#" + account, "azure#" + subscription, "gcp#" + project);
      assertThat(results)
          .extracting(AccountHealth::missingPermissions)
          .containsExactly(
              List.of("ec2:DescribeVpcs"),
              List.of("Microsoft.Storage/storageAccounts/read"),
              List.of("compute.networks.list"));
    }
  }
}
