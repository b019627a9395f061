package io.cloudledger.gcp.inventory;

import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AggregatedListSubnetworksRequest;
import com.google.cloud.compute.v1.InstanceAggregatedList;
import com.google.cloud.compute.v1.InstancesScopedList;
import com.google.cloud.compute.v1.ListNetworksRequest;
import com.google.cloud.compute.v1.NetworkList;
import com.google.cloud.compute.v1.SubnetworkAggregatedList;
import com.google.cloud.compute.v1.SubnetworksScopedList;
import com.google.cloud.compute.v1.Warning;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeListings;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.gcp.session.GcpClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lists the projects of one GCP session ({@code project_ids}), one project per {@link #list} call:
 * instances ({@code instances.aggregatedList}), VPC networks ({@code networks.list}) and
 * subnetworks ({@code subnetworks.aggregatedList}), each as one all-regions scope of the project.
 *
 * <p>Aggregated lists are requested with {@code returnPartialSuccess}: when a zone (or region) is
 * unreachable, the scope is reported {@code PARTIAL} with the unreachable zones as reason, so no
 * resource of the type is tombstoned in that project until a later complete listing; the other
 * types still complete. Owns its clients: close it when done.
 */
public final class GcpInventorySource implements InventorySource, AutoCloseable {
  static final String LIST_INSTANCES = "instances.aggregatedList";
  static final String LIST_NETWORKS = "networks.list";
  static final String LIST_SUBNETWORKS = "subnetworks.aggregatedList";
  private static final String UNREACHABLE = "UNREACHABLE";
  private static final List<ResourceType> TYPES =
      List.of(ResourceType.VM, ResourceType.NETWORK, ResourceType.SUBNET);

  private final GcpClients clients;
  private final GcpSourceSettings settings;

  /** A source over {@code clients}, which it closes on {@link #close()}. */
  public GcpInventorySource(GcpClients clients, GcpSourceSettings settings) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A source for {@code session}, with its values resolved by {@code resolver}. */
  public static GcpInventorySource create(
      GcpSession session, ConfigResolver resolver, GcpSourceSettings settings) {
    return new GcpInventorySource(
        GcpClients.create(session, resolver, settings.clients()), settings);
  }

  /** The projects this source lists, {@code gcp#<projectId>} each: configured or discovered. */
  public List<AccountKey> accountKeys() {
    return clients.projects();
  }

  /** Discovered projects being deleted (after {@link #accountKeys()}): skipped, kept stale. */
  public List<io.cloudledger.core.discovery.DiscoveredAccount> inactive() {
    return clients
        .lastDiscovery()
        .map(io.cloudledger.core.discovery.DiscoveryResult::inactive)
        .orElse(List.of());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The report's {@code apiCalls} counts the Compute requests of this listing, retries included
   * (token requests are not counted). Listings of several projects may run concurrently.
   */
  @Override
  public ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink) {
    if (!clients.projects().contains(account)) {
      throw new PermanentException(
          "account-mismatch",
          "GCP session '"
              + clients.sessionName()
              + "' lists "
              + clients.projects()
              + ", but was asked to list "
              + account);
    }
    AtomicLong calls = new AtomicLong();
    clients.authenticate();
    List<Scope> scopes = TYPES.stream().filter(types::contains).map(Scope::allRegions).toList();
    String project = account.accountId();
    List<ScopeOutcome> outcomes =
        ScopeListings.listAll(
            scopes,
            Math.max(1, scopes.size()),
            (scope, pages) ->
                switch (scope.type()) {
                  case VM -> listInstances(account, project, scope, pages, calls);
                  case NETWORK -> listNetworks(account, project, scope, pages, calls);
                  case SUBNET -> listSubnetworks(account, project, scope, pages, calls);
                  default -> throw new IllegalStateException("no GCP listing for " + scope);
                },
            sink);
    return new ListingReport(outcomes, calls.get());
  }

  private ScopeOutcome listInstances(
      AccountKey account, String project, Scope scope, PageSink sink, AtomicLong calls) {
    SortedSet<String> unreachable = new TreeSet<>();
    String token = "";
    do {
      AggregatedListInstancesRequest request =
          AggregatedListInstancesRequest.newBuilder()
              .setProject(project)
              .setMaxResults(settings.pageSize())
              .setReturnPartialSuccess(true)
              .setPageToken(token)
              .build();
      InstanceAggregatedList page =
          clients.call(
              LIST_INSTANCES,
              account.value(),
              calls,
              () -> clients.instances().aggregatedListCallable().call(request));
      List<ResourceObservation> observations = new ArrayList<>();
      for (Map.Entry<String, InstancesScopedList> zone : page.getItemsMap().entrySet()) {
        zone.getValue()
            .getInstancesList()
            .forEach(i -> observations.add(GcpNormalizer.instance(i)));
        if (unreachable(zone.getValue().hasWarning(), zone.getValue().getWarning())) {
          unreachable.add(zone.getKey());
        }
      }
      unreachable.addAll(page.getUnreachablesList());
      sink.accept(ResourcePage.of(scope, observations));
      token = next(token, page.getNextPageToken(), LIST_INSTANCES, account);
    } while (!token.isEmpty());
    return outcome(scope, unreachable);
  }

  private ScopeOutcome listNetworks(
      AccountKey account, String project, Scope scope, PageSink sink, AtomicLong calls) {
    String token = "";
    do {
      ListNetworksRequest request =
          ListNetworksRequest.newBuilder()
              .setProject(project)
              .setMaxResults(settings.pageSize())
              .setPageToken(token)
              .build();
      NetworkList page =
          clients.call(
              LIST_NETWORKS,
              account.value(),
              calls,
              () -> clients.networks().listCallable().call(request));
      sink.accept(
          ResourcePage.of(
              scope, page.getItemsList().stream().map(GcpNormalizer::network).toList()));
      token = next(token, page.getNextPageToken(), LIST_NETWORKS, account);
    } while (!token.isEmpty());
    return ScopeOutcome.complete(scope);
  }

  private ScopeOutcome listSubnetworks(
      AccountKey account, String project, Scope scope, PageSink sink, AtomicLong calls) {
    SortedSet<String> unreachable = new TreeSet<>();
    String token = "";
    do {
      AggregatedListSubnetworksRequest request =
          AggregatedListSubnetworksRequest.newBuilder()
              .setProject(project)
              .setMaxResults(settings.pageSize())
              .setReturnPartialSuccess(true)
              .setPageToken(token)
              .build();
      SubnetworkAggregatedList page =
          clients.call(
              LIST_SUBNETWORKS,
              account.value(),
              calls,
              () -> clients.subnetworks().aggregatedListCallable().call(request));
      List<ResourceObservation> observations = new ArrayList<>();
      for (Map.Entry<String, SubnetworksScopedList> region : page.getItemsMap().entrySet()) {
        region
            .getValue()
            .getSubnetworksList()
            .forEach(s -> observations.add(GcpNormalizer.subnetwork(s)));
        if (unreachable(region.getValue().hasWarning(), region.getValue().getWarning())) {
          unreachable.add(region.getKey());
        }
      }
      unreachable.addAll(page.getUnreachablesList());
      sink.accept(ResourcePage.of(scope, observations));
      token = next(token, page.getNextPageToken(), LIST_SUBNETWORKS, account);
    } while (!token.isEmpty());
    return outcome(scope, unreachable);
  }

  private static boolean unreachable(boolean hasWarning, Warning warning) {
    return hasWarning && UNREACHABLE.equals(warning.getCode());
  }

  private static ScopeOutcome outcome(Scope scope, SortedSet<String> unreachable) {
    return unreachable.isEmpty()
        ? ScopeOutcome.complete(scope)
        : ScopeOutcome.partial(scope, "unreachable: " + String.join(", ", unreachable));
  }

  /** The next page's token; a token that repeats would loop forever, so it fails the scope. */
  private static String next(String current, String next, String operation, AccountKey account) {
    if (!next.isEmpty() && next.equals(current)) {
      throw new RetryableException(
          "paging-loop", operation + " in " + account + " returned the same page token twice");
    }
    return next;
  }

  @Override
  public void close() {
    clients.close();
  }
}
