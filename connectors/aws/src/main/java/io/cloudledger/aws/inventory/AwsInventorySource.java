package io.cloudledger.aws.inventory;

import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ScopeListings;
import io.cloudledger.core.inventory.ScopeSelection;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Region;

/**
 * Lists one AWS account (one {@code cloud_sessions} entry): EC2 instances, VPCs and subnets per
 * enabled (or configured) region, S3 buckets across regions, with at most {@link
 * AwsSourceSettings#parallelism()} scopes at once. A failure in one scope (denied region, throttled
 * beyond the retries) fails that scope only; failing to assume the role or to discover the regions
 * fails the whole listing. Owns its clients: close it when done.
 */
public final class AwsInventorySource implements InventorySource, AutoCloseable {
  private static final List<ResourceType> REGIONAL_TYPES =
      List.of(ResourceType.VM, ResourceType.NETWORK, ResourceType.SUBNET);
  private static final String NOT_OPTED_IN = "not-opted-in";

  private final AwsClients clients;
  private final AwsSourceSettings settings;

  /** A source over {@code clients}, which it closes on {@link #close()}. */
  public AwsInventorySource(AwsClients clients, AwsSourceSettings settings) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A source for {@code session}, with its values resolved by {@code resolver}. */
  public static AwsInventorySource create(
      AwsSession session, ConfigResolver resolver, AwsSourceSettings settings) {
    return new AwsInventorySource(
        AwsClients.create(session, resolver, settings.clients()), settings);
  }

  /** The account this source lists (see {@link AwsClients#accountKey()}). */
  public AccountKey accountKey() {
    return clients.accountKey();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The report's {@code apiCalls} counts the HTTP requests of this listing, retries included
   * (concurrent listings through the same source would count each other's).
   */
  @Override
  public ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink) {
    return list(account, types, sink, ScopeSelection.all());
  }

  /**
   * Lists the scopes (region x type) {@code selection} includes, starting none after its deadline;
   * the ones not started are reported as deferred.
   */
  @Override
  public ListingReport list(
      AccountKey account, Set<ResourceType> types, PageSink sink, ScopeSelection selection) {
    long callsBefore = clients.apiCalls();
    clients.resolveCredentials();
    AccountKey own = clients.accountKey();
    if (!own.equals(account)) {
      throw new PermanentException(
          "account-mismatch",
          clients.describeSession() + " reads " + own + ", but was asked to list " + account);
    }
    // A continuation names its scopes: the regions need not be asked again.
    List<Scope> scopes =
        selection.only().isEmpty()
            ? scopes(account, types)
            : selection.only().stream()
                .filter(scope -> types.contains(scope.type()))
                .sorted()
                .toList();
    ScopeListings.Listed listed =
        ScopeListings.listSelected(
            scopes,
            settings.parallelism(),
            new AwsScopeLister(clients, account, settings.pageSize()),
            sink,
            selection,
            Clock.systemUTC());
    return new ListingReport(
        listed.outcomes(), clients.apiCalls() - callsBefore, listed.deferred());
  }

  @Override
  public void close() {
    clients.close();
  }

  private List<Scope> scopes(AccountKey account, Set<ResourceType> types) {
    List<Scope> scopes = new ArrayList<>();
    List<ResourceType> regional = REGIONAL_TYPES.stream().filter(types::contains).toList();
    if (!regional.isEmpty()) {
      for (String region : regions(account)) {
        for (ResourceType type : regional) {
          scopes.add(Scope.of(region, type));
        }
      }
    }
    if (types.contains(ResourceType.STORAGE)) {
      scopes.add(Scope.allRegions(ResourceType.STORAGE));
    }
    return scopes;
  }

  /** The configured regions, or those enabled for the account (one DescribeRegions call). */
  private List<String> regions(AccountKey account) {
    if (clients.configuredRegions().isPresent()) {
      return clients.configuredRegions().get();
    }
    try {
      return clients
          .ec2(clients.homeRegion())
          .describeRegions(r -> r.allRegions(false))
          .regions()
          .stream()
          .filter(region -> !NOT_OPTED_IN.equals(region.optInStatus()))
          .map(Region::regionName)
          .sorted()
          .toList();
    } catch (RuntimeException e) {
      throw AwsErrors.mapAny(e, "DescribeRegions", account + "/" + clients.homeRegion());
    }
  }
}
