package io.cloudledger.gcp.inventory;

import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GCP projects of a configuration ({@code project_ids} of each {@code gcp} session) as an
 * {@link AccountDirectory}; building it makes no call. Each sync builds the session's clients and
 * closes them afterwards, as the AWS directory does, so a long-lived worker holds no clients of
 * projects it synced earlier. Sessions of other clouds are skipped (each cloud has its own worker).
 */
public final class GcpAccountDirectory implements AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(GcpAccountDirectory.class);

  private final Map<AccountKey, GcpSession> sessions;
  private final ConfigResolver resolver;
  private final GcpSourceSettings settings;

  private GcpAccountDirectory(
      Map<AccountKey, GcpSession> sessions, ConfigResolver resolver, GcpSourceSettings settings) {
    this.sessions = sessions;
    this.resolver = resolver;
    this.settings = settings;
  }

  /**
   * The directory of {@code config}'s GCP sessions. Throws {@link PermanentException} when two
   * sessions list the same project (which one should sync it?).
   */
  public static GcpAccountDirectory create(
      CloudledgerConfig config, ConfigResolver resolver, GcpSourceSettings settings) {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(settings, "settings");
    Map<AccountKey, GcpSession> sessions = new TreeMap<>();
    for (CloudSession session : config.sessions()) {
      if (!(session instanceof GcpSession gcp)) {
        LOG.info("session {} skipped: this worker syncs GCP projects", session.name());
        continue;
      }
      List<String> projectIds = resolver.resolveTexts(gcp.projectIds());
      if (projectIds.isEmpty()) {
        LOG.warn("session {} skipped: it lists no project_ids", gcp.name());
      }
      for (String projectId : projectIds) {
        AccountKey project = AccountKey.of(Provider.GCP, projectId);
        GcpSession previous = sessions.putIfAbsent(project, gcp);
        if (previous != null && previous != gcp) {
          throw new PermanentException(
              "duplicate-account",
              "sessions '" + previous.name() + "' and '" + gcp.name() + "' both list " + project);
        }
      }
    }
    return new GcpAccountDirectory(sessions, resolver, settings);
  }

  @Override
  public List<AccountKey> accounts() {
    return List.copyOf(sessions.keySet());
  }

  @Override
  public <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work) {
    GcpSession session = sessions.get(account);
    if (session == null) {
      throw new PermanentException("unknown-account", "no configured GCP session lists " + account);
    }
    try (GcpInventorySource source = GcpInventorySource.create(session, resolver, settings)) {
      return work.apply(source);
    }
  }
}
