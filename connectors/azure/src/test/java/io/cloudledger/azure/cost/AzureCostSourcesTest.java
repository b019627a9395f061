package io.cloudledger.azure.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.InMemoryCostStore;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.estate.AzureSubscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each subscription of the sandbox's generated config owns its Cost Management query. */
class AzureCostSourcesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T09:00:00Z"), ZoneOffset.UTC);
  static Sandbox sandbox;
  static AzureCostSources sources;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withAzureSubscriptions(2));
    sources =
        AzureCostSources.create(
            ConfigLoader.parse(sandbox.cloudledgerYaml(), Path.of("cloudledger.yaml")),
            new ConfigResolver(
                Map.of("AZURE_CLIENT_SECRET", sandbox.azurePrincipal().clientSecret()),
                SecretLookup.none()),
            AzureClientSettings.defaults(),
            AzureCostSettings.defaults(),
            CLOCK);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void costKind_ofEachSubscription_runsItsOwnQuery() {
    InMemoryCostStore store = new InMemoryCostStore();
    CostKindSync kind = new CostKindSync(sources, new CostSync(store, CLOCK));
    assertThat(sources.owners()).hasSize(2);
    for (AzureSubscription subscription : sandbox.estate().azure().subscriptions()) {
      AccountKey key = AccountKey.parse("azure#" + subscription.subscriptionId());
      assertThat(sources.coverage(key)).isInstanceOf(CostCoverage.Owner.class);
      long before = sandbox.counters().calls(AzureRoute.QUERY_USAGE, subscription.subscriptionId());
      assertThat(
              kind.sync(SyncRequest.of("r", key, Set.of(SyncKind.COST), "test", CLOCK.instant()))
                  .status())
          .isEqualTo("SUCCEEDED");
      assertThat(sandbox.counters().calls(AzureRoute.QUERY_USAGE, subscription.subscriptionId()))
          .isGreaterThan(before);
    }
    assertThat(store.rowsWritten()).isPositive();
  }

  @Test
  void coverage_ofAnUnconfiguredSubscription_isPermanent() {
    assertThatThrownBy(
            () -> sources.coverage(AccountKey.parse("azure#00000000-0000-0000-0000-00000000dead")))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("00000000dead");
  }
}
