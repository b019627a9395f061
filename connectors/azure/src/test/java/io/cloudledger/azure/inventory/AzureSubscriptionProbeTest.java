package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.azure.health.AzureSubscriptionProbe;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.CheckStatus;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code accounts check} for Azure: a denied list names the exact missing ARM action. */
class AzureSubscriptionProbeTest {
  private static Sandbox sandbox;
  private static SandboxAzure azure;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(8)
                .withAzureSubscriptions(2));
    azure = new SandboxAzure(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static AccountHealth check(AzureSubscription subscription, String secret) {
    AzureClients clients =
        AzureClients.create(
            azure.session(List.of(), SandboxAzure.SECRET_NAME),
            SandboxAzure.resolver(secret),
            SandboxAzure.FAST.clients());
    return new AzureSubscriptionProbe(clients, SandboxAzure.key(subscription), "azure_sandbox")
        .check();
  }

  @Test
  void check_reachableSubscription_isHealthy() {
    AccountHealth health =
        check(
            sandbox.estate().azure().subscriptions().get(0),
            sandbox.azurePrincipal().clientSecret());

    assertThat(health.healthy()).as(health.toString()).isTrue();
    assertThat(health.checks())
        .extracting(HealthCheck::name)
        .containsExactly(
            "credentials",
            "Microsoft.Compute/virtualMachines/read",
            "Microsoft.Storage/storageAccounts/read",
            "Microsoft.Network/virtualNetworks/read");
  }

  @Test
  void check_deniedVirtualMachines_namesTheArmAction() {
    AzureSubscription subscription = sandbox.estate().azure().subscriptions().get(1);
    sandbox
        .faults()
        .replace(
            FaultPlan.parse("VirtualMachines_ListAll@" + subscription.subscriptionId() + ":deny"));

    AccountHealth health = check(subscription, sandbox.azurePrincipal().clientSecret());

    assertThat(health.missingPermissions())
        .containsExactly("Microsoft.Compute/virtualMachines/read");
    assertThat(health.checks().get(1).detail()).contains("AuthorizationFailed");
  }

  @Test
  void check_wrongClientSecret_failsTheCredentials() {
    AccountHealth health =
        check(sandbox.estate().azure().subscriptions().get(0), "not-the-client-secret");

    assertThat(health.checks())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("credentials");
              assertThat(c.status()).isEqualTo(CheckStatus.FAILED);
            });
    assertThat(health.toString()).doesNotContain("not-the-client-secret");
  }
}
