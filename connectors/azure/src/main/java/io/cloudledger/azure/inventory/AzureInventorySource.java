package io.cloudledger.azure.inventory;

import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ScopeListings;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the subscriptions of one Azure {@code cloud_sessions} entry: virtual machines (with power
 * state, one paged call per subscription), storage accounts, virtual networks and their subnets.
 * ARM lists a whole subscription at once, so each type is one scope across all regions; a failed or
 * cut-short type fails that scope only, never the others.
 */
public final class AzureInventorySource implements InventorySource {
  private final AzureClients clients;
  private final AzureSourceSettings settings;

  public AzureInventorySource(AzureClients clients, AzureSourceSettings settings) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A source for {@code session}, with its values resolved by {@code resolver}. */
  public static AzureInventorySource create(
      AzureSession session, ConfigResolver resolver, AzureSourceSettings settings) {
    return new AzureInventorySource(
        AzureClients.create(session, resolver, settings.clients()), settings);
  }

  /**
   * The subscriptions this source lists ({@code azure#<subscriptionId>}): the configured ones, or
   * all the principal can see.
   */
  public List<AccountKey> accounts() {
    return clients.accounts();
  }

  /**
   * The discovered subscriptions that are disabled or deleted (after {@link #accounts()}; empty
   * when the subscriptions are configured): skipped, their stored inventory to be kept stale.
   */
  public List<io.cloudledger.core.discovery.DiscoveredAccount> inactive() {
    return clients
        .lastDiscovery()
        .map(io.cloudledger.core.discovery.DiscoveryResult::inactive)
        .orElse(List.of());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The report's {@code apiCalls} counts this subscription's ARM requests, retries included.
   */
  @Override
  public ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink) {
    if (account.provider() != Provider.AZURE) {
      throw new PermanentException(
          "account-mismatch", clients.describeSession() + " cannot list " + account);
    }
    clients.verifyCredential();
    long callsBefore = clients.apiCalls(account.accountId());
    boolean networks = types.contains(ResourceType.NETWORK);
    boolean subnets = types.contains(ResourceType.SUBNET);
    List<Scope> scopes = new ArrayList<>();
    if (types.contains(ResourceType.VM)) {
      scopes.add(Scope.allRegions(ResourceType.VM));
    }
    if (types.contains(ResourceType.STORAGE)) {
      scopes.add(Scope.allRegions(ResourceType.STORAGE));
    }
    // Networks and subnets come from one call; it is listed under the network scope if asked.
    Scope networkListing = Scope.allRegions(networks ? ResourceType.NETWORK : ResourceType.SUBNET);
    if (networks || subnets) {
      scopes.add(networkListing);
    }
    List<ScopeOutcome> outcomes =
        new ArrayList<>(
            ScopeListings.listAll(
                scopes,
                settings.parallelism(),
                new AzureScopeLister(clients, account, networks, subnets),
                sink));
    if (networks && subnets) {
      ScopeOutcome network =
          outcomes.stream().filter(o -> o.scope().equals(networkListing)).findFirst().orElseThrow();
      outcomes.add(
          new ScopeOutcome(
              Scope.allRegions(ResourceType.SUBNET), network.status(), network.reason()));
    }
    return new ListingReport(outcomes, clients.apiCalls(account.accountId()) - callsBefore);
  }
}
