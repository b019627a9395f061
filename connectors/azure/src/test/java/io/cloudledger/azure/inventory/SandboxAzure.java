package io.cloudledger.azure.inventory;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.inventory.CountingInventoryStore;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncTarget;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.estate.AzureSubscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Azure {@code cloud_sessions} entry for a sandbox, as a user would write it: the service
 * principal's tenant and client id, its secret as a {@code SEC/} reference, the sandbox as ARM
 * endpoint and as (https) authority host; plus the core sync engine over a counting store.
 */
final class SandboxAzure {
  static final Set<ResourceType> ALL_TYPES = EnumSet.allOf(ResourceType.class);
  static final String SECRET_NAME = "azure_client_secret";

  /** Defaults with millisecond backoffs, so retried faults keep tests fast. */
  static final AzureSourceSettings FAST =
      AzureSourceSettings.defaults()
          .withClients(
              AzureClientSettings.defaults()
                  .withBackoff(Duration.ofMillis(1), Duration.ofMillis(10)));

  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private final Sandbox sandbox;
  final CountingInventoryStore store = new CountingInventoryStore();
  final InMemorySyncRunStore runs = new InMemorySyncRunStore();
  private final SyncEngine engine =
      new SyncEngine(store, runs, Clock.systemUTC(), SyncSettings.defaults().withFlushSize(50));

  SandboxAzure(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  static AccountKey key(AzureSubscription subscription) {
    return AccountKey.of(Provider.AZURE, subscription.subscriptionId());
  }

  /** The session of the sandbox's principal over {@code subscriptionIds} (all when empty). */
  AzureSession session(List<String> subscriptionIds, String clientSecretName) {
    return session(subscriptionIds, clientSecretName, "");
  }

  /** The session with {@code extraYaml} (indented keys of the session) appended. */
  AzureSession session(List<String> subscriptionIds, String clientSecretName, String extraYaml) {
    String base = sandbox.endpoints().base().toString();
    StringBuilder yaml =
        new StringBuilder()
            .append("cloud_sessions:\n")
            .append("  - name: azure_sandbox\n")
            .append("    session_type: azure\n")
            .append("    tenant_id: ")
            .append(sandbox.azurePrincipal().tenantId())
            .append('\n')
            .append("    client_id: ")
            .append(sandbox.azurePrincipal().clientId())
            .append('\n')
            .append("    client_secret: SEC/")
            .append(clientSecretName)
            .append('\n')
            .append("    endpoint_url: ")
            .append(base)
            .append('\n')
            .append("    authority_host: ")
            .append(base.replace("http://", "https://"))
            .append('\n');
    if (!subscriptionIds.isEmpty()) {
      yaml.append("    subscription_ids:\n");
      subscriptionIds.forEach(id -> yaml.append("      - ").append(id).append('\n'));
    }
    yaml.append(extraYaml);
    CloudledgerConfig config = ConfigLoader.parse(yaml.toString(), Path.of("test.yaml"));
    return (AzureSession) config.sessions(SessionType.AZURE).getFirst();
  }

  /** Resolves {@code SEC/azure_client_secret} to the sandbox principal's secret. */
  ConfigResolver resolver() {
    return resolver(sandbox.azurePrincipal().clientSecret());
  }

  static ConfigResolver resolver(String clientSecret) {
    return new ConfigResolver(
        Map.of(),
        name ->
            name.equals(SECRET_NAME)
                ? Optional.of(SecretValue.of(clientSecret))
                : Optional.empty());
  }

  AzureInventorySource source(AzureSourceSettings settings) {
    return AzureInventorySource.create(session(List.of(), SECRET_NAME), resolver(), settings);
  }

  SyncResult sync(AzureSubscription subscription, InventorySource source) {
    return engine.sync(
        new SyncTarget("req-" + REQUESTS.incrementAndGet(), key(subscription), ALL_TYPES, "test"),
        source);
  }
}
