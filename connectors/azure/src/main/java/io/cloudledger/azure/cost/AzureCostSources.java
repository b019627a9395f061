package io.cloudledger.azure.cost;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Azure {@link CostSources}: every subscription of every Azure session is its own billing scope
 * (Cost Management's query at {@code subscriptions/{id}}). The session's clients are built once and
 * shared by its subscriptions' sources.
 */
public final class AzureCostSources implements CostSources {
  private final List<AzureClients> sessions;
  private final AzureCostSettings settings;
  private final Clock clock;

  private AzureCostSources(List<AzureClients> sessions, AzureCostSettings settings, Clock clock) {
    this.sessions = List.copyOf(sessions);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The sources of {@code config}'s Azure sessions; builds clients, makes no call. */
  public static AzureCostSources create(
      CloudledgerConfig config,
      ConfigResolver resolver,
      AzureClientSettings clientSettings,
      AzureCostSettings settings,
      Clock clock) {
    List<AzureClients> sessions = new ArrayList<>();
    for (CloudSession session : config.sessions()) {
      if (session instanceof AzureSession azure) {
        sessions.add(AzureClients.create(azure, resolver, clientSettings));
      }
    }
    return new AzureCostSources(sessions, settings, clock);
  }

  @Override
  public CostCoverage coverage(AccountKey account) {
    for (AzureClients clients : sessions) {
      if (clients.accounts().contains(account)) {
        return new CostCoverage.Owner(
            () -> AzureCostSource.create(clients, account.accountId(), settings, clock));
      }
    }
    throw new PermanentException(
        "unknown-account", "no configured Azure session reads subscription " + account);
  }

  /** Every subscription (each is its own scope). */
  @Override
  public List<AccountKey> owners() {
    List<AccountKey> owners = new ArrayList<>();
    sessions.forEach(s -> owners.addAll(s.accounts()));
    return List.copyOf(owners);
  }
}
