package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureAccountDirectoryTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(2)
                .withResourcesPerAccount(10)
                .withAzure(AzureSandboxOptions.none().withSubscriptions(3)));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static ConfigResolver resolver() {
    return new ConfigResolver(
        Map.of("AZURE_CLIENT_SECRET", sandbox.azurePrincipal().clientSecret()),
        SecretLookup.none());
  }

  private static List<AccountKey> estateSubscriptions() {
    return sandbox.estate().azure().subscriptions().stream()
        .map(s -> AccountKey.of(Provider.AZURE, s.subscriptionId()))
        .sorted()
        .toList();
  }

  @Test
  void accounts_ofTheSandboxConfig_areItsAzureSubscriptionsOnly() {
    CloudledgerConfig config =
        ConfigLoader.parse(sandbox.cloudledgerYaml(), Path.of("sandbox-cloudledger.yaml"));

    var directory = AzureAccountDirectory.create(config, resolver(), SandboxAzure.FAST);

    assertThat(directory.accounts()).containsExactlyElementsOf(estateSubscriptions());
  }

  @Test
  void withInventorySource_listsTheSubscription() {
    CloudledgerConfig config =
        ConfigLoader.parse(sandbox.cloudledgerYaml(), Path.of("sandbox-cloudledger.yaml"));
    var directory = AzureAccountDirectory.create(config, resolver(), SandboxAzure.FAST);
    AccountKey first = estateSubscriptions().getFirst();

    ListingReport report =
        directory.withInventorySource(
            first, source -> source.list(first, SandboxAzure.ALL_TYPES, page -> {}));

    assertThat(report.outcomes()).isNotEmpty().allSatisfy(o -> assertThat(o.complete()).isTrue());
  }

  @Test
  void withInventorySource_ofAnUnconfiguredSubscription_isAPermanentUnknownAccount() {
    CloudledgerConfig config =
        ConfigLoader.parse(sandbox.cloudledgerYaml(), Path.of("sandbox-cloudledger.yaml"));
    var directory = AzureAccountDirectory.create(config, resolver(), SandboxAzure.FAST);
    AccountKey stranger = AccountKey.of(Provider.AZURE, "99999999-9999-9999-9999-999999999999");

    assertThatThrownBy(() -> directory.withInventorySource(stranger, source -> 1))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("no configured Azure session reads " + stranger);
  }

  @Test
  void create_whenTwoSessionsReadOneSubscription_refusesNamingBoth() {
    String id = estateSubscriptions().getFirst().accountId();
    String base = sandbox.endpoints().base().toString();
    StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
    for (String name : List.of("azure_a", "azure_b")) {
      yaml.append("  - name: ")
          .append(name)
          .append("\n    session_type: azure\n    tenant_id: ")
          .append(sandbox.azurePrincipal().tenantId())
          .append("\n    client_id: ")
          .append(sandbox.azurePrincipal().clientId())
          .append("\n    client_secret: ENV/AZURE_CLIENT_SECRET\n    endpoint_url: ")
          .append(base)
          .append("\n    authority_host: ")
          .append(base.replace("http://", "https://"))
          .append("\n    subscription_ids: [")
          .append(id)
          .append("]\n");
    }
    CloudledgerConfig config = ConfigLoader.parse(yaml.toString(), Path.of("twice.yaml"));

    assertThatThrownBy(() -> AzureAccountDirectory.create(config, resolver(), SandboxAzure.FAST))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("sessions 'azure_a' and 'azure_b' both read azure#" + id);
  }
}
