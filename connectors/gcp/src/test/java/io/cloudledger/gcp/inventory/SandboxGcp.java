package io.cloudledger.gcp.inventory;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
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
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.estate.GcpProject;
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
 * A GCP session for a sandbox's projects, as a user writes it (the service-account key as a {@code
 * SEC/} secret, the sandbox as {@code endpoint_url}), and the core sync engine over a counting
 * in-memory store.
 */
final class SandboxGcp {
  static final Set<ResourceType> ALL_TYPES = EnumSet.allOf(ResourceType.class);
  static final String KEY_SECRET = "gcp_sa_key";

  /** Defaults with millisecond backoffs, so retried faults keep tests fast. */
  static final GcpSourceSettings FAST =
      GcpSourceSettings.defaults()
          .withClients(
              GcpClientSettings.defaults()
                  .withBackoff(Duration.ofMillis(1), Duration.ofMillis(10)));

  private static final AtomicInteger REQUESTS = new AtomicInteger();

  final CountingInventoryStore store = new CountingInventoryStore();
  final InMemorySyncRunStore runs = new InMemorySyncRunStore();
  private final SyncEngine engine =
      new SyncEngine(store, runs, Clock.systemUTC(), SyncSettings.defaults().withFlushSize(50));

  static AccountKey key(GcpProject project) {
    return AccountKey.of(Provider.GCP, project.projectId());
  }

  SyncResult sync(GcpProject project, InventorySource source) {
    return engine.sync(
        new SyncTarget("req-" + REQUESTS.incrementAndGet(), key(project), ALL_TYPES, "test"),
        source);
  }

  static GcpSession session(Sandbox sandbox, List<GcpProject> projects) {
    StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
    yaml.append("  - name: gcp_sandbox\n    session_type: gcp\n")
        .append("    credentials: SEC/")
        .append(KEY_SECRET)
        .append("\n    project_ids: [")
        .append(String.join(", ", projects.stream().map(GcpProject::projectId).toList()))
        .append("]\n    endpoint_url: ")
        .append(sandbox.gcpEndpoint())
        .append('\n');
    CloudledgerConfig config =
        ConfigLoader.parse(yaml.toString(), Path.of("test-cloudledger.yaml"));
    return (GcpSession) config.sessions(SessionType.GCP).getFirst();
  }

  static ConfigResolver resolver(String keyJson) {
    return new ConfigResolver(
        Map.of(),
        name -> name.equals(KEY_SECRET) ? Optional.of(SecretValue.of(keyJson)) : Optional.empty());
  }

  static GcpInventorySource source(Sandbox sandbox, GcpSourceSettings settings) {
    return GcpInventorySource.create(
        session(sandbox, sandbox.estate().gcp().projects()),
        resolver(sandbox.gcpServiceAccountKey()),
        settings);
  }
}
