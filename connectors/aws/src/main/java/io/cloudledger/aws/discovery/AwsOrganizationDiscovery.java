package io.cloudledger.aws.discovery;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.config.AwsOrganization;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.DiscoveryRules;
import io.cloudledger.core.discovery.AccountDiscovery;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/**
 * Lists the accounts of the organization an AWS session manages. Without OU rules it pages {@code
 * ListAccounts} (20 accounts a call); with them it walks the tree from the root (or from the
 * included OUs) with {@code ListOrganizationalUnitsForParent} and {@code ListAccountsForParent},
 * never descending into a skipped OU. Either way the calls grow with pages and OUs, never one per
 * account. An account is active when its {@code State} (or, from older answers, its {@code Status})
 * is {@code ACTIVE}. Owns its clients: close it when done.
 */
public final class AwsOrganizationDiscovery implements AccountDiscovery, AutoCloseable {
  private static final int PAGE_SIZE = 20;

  private final String source;
  private final AwsOrganization organization;
  private final AwsClients clients;

  /** A discovery over {@code clients} (which it closes) for {@code session}'s organization. */
  public AwsOrganizationDiscovery(AwsSession session, AwsClients clients) {
    this.source = session.name();
    this.organization =
        session
            .organization()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "session '" + session.name() + "' has no organization block"));
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /**
   * The discovery of {@code session}'s organization, with its values resolved by {@code resolver}.
   */
  public static AwsOrganizationDiscovery create(
      AwsSession session, ConfigResolver resolver, AwsClientSettings settings) {
    return new AwsOrganizationDiscovery(session, AwsClients.create(session, resolver, settings));
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public DiscoveryResult discover() {
    long before = clients.apiCalls();
    DiscoveryRules rules = organization.rules();
    Map<String, DiscoveredAccount> found = new LinkedHashMap<>();
    int[] excluded = {0};
    OrganizationsClient client = clients.organizations();
    if (rules.usesGroups()) {
      List<List<String>> starts = new ArrayList<>();
      if (rules.includeGroups().isEmpty()) {
        String root = call("ListRoots", () -> client.listRoots(r -> {}).roots().getFirst().id());
        starts.add(List.of(root));
      } else {
        rules.includeGroups().forEach(group -> starts.add(List.of(group)));
      }
      for (List<String> start : starts) {
        walk(client, rules, start, found, excluded);
      }
      if (!rules.includeAccounts().isEmpty() && !rules.includeGroups().isEmpty()) {
        // Accounts included by id may sit outside the included OUs: look for them too.
        addListedAccounts(client, rules, found, excluded, true);
      }
    } else {
      addListedAccounts(client, rules, found, excluded, false);
    }
    List<DiscoveredAccount> accounts =
        found.values().stream()
            .sorted(java.util.Comparator.comparing(DiscoveredAccount::account))
            .toList();
    return new DiscoveryResult(source, accounts, excluded[0], clients.apiCalls() - before);
  }

  /** Every account of the organization through ListAccounts, with no OU path. */
  private void addListedAccounts(
      OrganizationsClient client,
      DiscoveryRules rules,
      Map<String, DiscoveredAccount> found,
      int[] excluded,
      boolean onlyIncludedById) {
    call(
        "ListAccounts",
        () -> {
          client
              .listAccountsPaginator(r -> r.maxResults(PAGE_SIZE))
              .forEach(
                  page -> {
                    for (Account account : page.accounts()) {
                      if (found.containsKey(account.id())) {
                        continue;
                      }
                      boolean selected =
                          onlyIncludedById
                              ? rules.includeAccounts().contains(account.id())
                                  && !rules.skipAccounts().contains(account.id())
                              : rules.selects(account.id(), List.of());
                      if (selected) {
                        found.put(account.id(), discovered(account, List.of()));
                      } else if (!onlyIncludedById) {
                        excluded[0]++;
                      }
                    }
                  });
          return null;
        });
  }

  private void walk(
      OrganizationsClient client,
      DiscoveryRules rules,
      List<String> path,
      Map<String, DiscoveredAccount> found,
      int[] excluded) {
    String parent = path.getLast();
    if (rules.skipsGroup(parent)) {
      return;
    }
    call(
        "ListAccountsForParent",
        () -> {
          client
              .listAccountsForParentPaginator(r -> r.parentId(parent).maxResults(PAGE_SIZE))
              .forEach(
                  page -> {
                    for (Account account : page.accounts()) {
                      if (rules.selects(account.id(), path)
                          || rules.includeAccounts().contains(account.id())
                              && !rules.skipAccounts().contains(account.id())) {
                        found.putIfAbsent(account.id(), discovered(account, path));
                      } else {
                        excluded[0]++;
                      }
                    }
                  });
          return null;
        });
    List<String> children = new ArrayList<>();
    call(
        "ListOrganizationalUnitsForParent",
        () -> {
          client
              .listOrganizationalUnitsForParentPaginator(
                  r -> r.parentId(parent).maxResults(PAGE_SIZE))
              .forEach(
                  page ->
                      page.organizationalUnits().stream()
                          .map(OrganizationalUnit::id)
                          .forEach(children::add));
          return null;
        });
    for (String child : children) {
      List<String> below = new ArrayList<>(path);
      below.add(child);
      walk(client, rules, below, found, excluded);
    }
  }

  private DiscoveredAccount discovered(Account account, List<String> path) {
    String state =
        account.state() != null && account.state() != AccountState.UNKNOWN_TO_SDK_VERSION
            ? account.stateAsString()
            : account.statusAsString();
    return new DiscoveredAccount(
        AccountKey.of(Provider.AWS, account.id()),
        account.name(),
        state == null ? "UNKNOWN" : state,
        "ACTIVE".equals(state),
        path,
        source);
  }

  private <T> T call(String operation, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw AwsErrors.mapAny(e, operation, "organization of " + clients.describeSession());
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
