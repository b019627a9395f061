package io.cloudledger.azure.inventory;

import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure subscriptions of a configuration as an {@link AccountDirectory}: per session its {@code
 * subscription_ids}, else every subscription the principal can list (one call, up front). A
 * session's source serves all its subscriptions and is kept for the worker's lifetime: its ARM
 * clients share one JDK HTTP client and one token, so unlike AWS's per-account SDK clients they do
 * not pile up threads. Sessions of other clouds are skipped (each cloud has its own worker).
 */
public final class AzureAccountDirectory implements AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AzureAccountDirectory.class);

  private final Map<AccountKey, AzureInventorySource> sources;

  private AzureAccountDirectory(Map<AccountKey, AzureInventorySource> sources) {
    this.sources = sources;
  }

  /**
   * The directory of {@code config}'s Azure sessions. A session whose subscriptions cannot be
   * listed is skipped with a warning; two sessions reading the same subscription are a {@link
   * PermanentException} (which one should sync it?).
   */
  public static AzureAccountDirectory create(
      CloudledgerConfig config, ConfigResolver resolver, AzureSourceSettings settings) {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(settings, "settings");
    Map<AccountKey, AzureInventorySource> sources = new TreeMap<>();
    Map<AccountKey, String> owners = new TreeMap<>();
    for (CloudSession session : config.sessions()) {
      if (!(session instanceof AzureSession azure)) {
        LOG.info("session {} skipped: this worker syncs Azure subscriptions", session.name());
        continue;
      }
      AzureInventorySource source = AzureInventorySource.create(azure, resolver, settings);
      List<AccountKey> accounts;
      try {
        accounts = source.accounts();
      } catch (CloudledgerException e) {
        LOG.warn(
            "session {} skipped: its subscriptions are unknown: {}", azure.name(), e.getMessage());
        continue;
      }
      for (AccountKey account : accounts) {
        String previous = owners.putIfAbsent(account, azure.name());
        if (previous != null) {
          throw new PermanentException(
              "duplicate-account",
              "sessions '" + previous + "' and '" + azure.name() + "' both read " + account);
        }
        sources.put(account, source);
      }
    }
    return new AzureAccountDirectory(sources);
  }

  @Override
  public List<AccountKey> accounts() {
    return List.copyOf(sources.keySet());
  }

  @Override
  public <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work) {
    AzureInventorySource source = sources.get(account);
    if (source == null) {
      throw new PermanentException(
          "unknown-account", "no configured Azure session reads " + account);
    }
    return work.apply(source);
  }
}
