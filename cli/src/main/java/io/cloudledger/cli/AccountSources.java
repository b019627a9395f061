package io.cloudledger.cli;

import io.cloudledger.aws.discovery.AwsOrganizationDiscovery;
import io.cloudledger.aws.inventory.AwsInventorySource;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.azure.inventory.AzureInventorySource;
import io.cloudledger.azure.inventory.AzureSourceSettings;
import io.cloudledger.cli.sync.AccountJob;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.discovery.AccountRoster;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.discovery.MemberSessions;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.gcp.inventory.GcpInventorySource;
import io.cloudledger.gcp.inventory.GcpSourceSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The accounts a configuration syncs, each with the inventory source that lists it. Closing it
 * closes every source's SDK clients.
 */
final class AccountSources implements AutoCloseable {
  private final List<AccountJob> jobs;
  private final List<String> sessionFailures;
  private final List<AutoCloseable> resources;
  private final List<DiscoveredAccount> inactive;

  private AccountSources(
      List<AccountJob> jobs,
      List<String> sessionFailures,
      List<AutoCloseable> resources,
      List<DiscoveredAccount> inactive) {
    this.jobs = List.copyOf(jobs);
    this.sessionFailures = List.copyOf(sessionFailures);
    this.resources = List.copyOf(resources);
    this.inactive = List.copyOf(inactive);
  }

  /**
   * One job per configured session whose cloud has a connector, limited to {@code only} when not
   * empty. Sessions of clouds without a connector yet are reported on {@code err} and skipped.
   */
  static AccountSources of(
      CloudledgerConfig config,
      ConfigResolver resolver,
      AwsSourceSettings awsSettings,
      Set<AccountKey> only,
      PrintWriter err) {
    List<AccountJob> jobs = new ArrayList<>();
    List<String> sessionFailures = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    List<AwsSession> organizations = new ArrayList<>();
    List<DiscoveredAccount> inactive = new ArrayList<>();
    try {
      for (CloudSession session : config.sessions()) {
        switch (session) {
          case AwsSession aws when aws.organization().isPresent() -> organizations.add(aws);
          case AwsSession aws -> {
            AwsInventorySource source = AwsInventorySource.create(aws, resolver, awsSettings);
            resources.add(source);
            try {
              // Known from the role ARN, else one GetCallerIdentity call.
              AccountKey account = source.accountKey();
              if (only.isEmpty() || only.contains(account)) {
                jobs.add(new AccountJob(account, source));
              }
            } catch (CloudledgerException e) {
              sessionFailures.add("session '" + aws.name() + "': " + e.getMessage());
            }
          }
          case AzureSession azure -> {
            AzureInventorySource source =
                AzureInventorySource.create(azure, resolver, AzureSourceSettings.defaults());
            try {
              // The configured subscriptions, else one Subscriptions_List call.
              for (AccountKey account : source.accounts()) {
                if (only.isEmpty() || only.contains(account)) {
                  jobs.add(new AccountJob(account, source));
                }
              }
              source.inactive().stream()
                  .filter(a -> only.isEmpty() || only.contains(a.account()))
                  .forEach(inactive::add);
            } catch (CloudledgerException e) {
              sessionFailures.add("session '" + azure.name() + "': " + e.getMessage());
            }
          }
          case GcpSession gcp -> {
            try {
              GcpInventorySource source =
                  GcpInventorySource.create(gcp, resolver, GcpSourceSettings.defaults());
              resources.add(source);
              // One job per configured project; they share the session's clients and token.
              for (AccountKey account : source.accountKeys()) {
                if (only.isEmpty() || only.contains(account)) {
                  jobs.add(new AccountJob(account, source));
                }
              }
              source.inactive().stream()
                  .filter(a -> only.isEmpty() || only.contains(a.account()))
                  .forEach(inactive::add);
            } catch (CloudledgerException e) {
              sessionFailures.add("session '" + gcp.name() + "': " + e.getMessage());
            }
          }
        }
      }
      addOrganizations(
          organizations, resolver, awsSettings, only, jobs, sessionFailures, resources, inactive);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
    err.flush();
    return new AccountSources(jobs, sessionFailures, resources, inactive);
  }

  /**
   * Lists each organization, adds a job per active member that no configured session reads
   * (configured settings win), and drops the jobs of members the organization reports suspended or
   * closed: those are {@link #inactive()}, to be marked stale rather than synced.
   */
  private static void addOrganizations(
      List<AwsSession> organizations,
      ConfigResolver resolver,
      AwsSourceSettings awsSettings,
      Set<AccountKey> only,
      List<AccountJob> jobs,
      List<String> sessionFailures,
      List<AutoCloseable> resources,
      List<DiscoveredAccount> inactive) {
    if (organizations.isEmpty()) {
      return;
    }
    List<DiscoveryResult> results = new ArrayList<>();
    for (AwsSession organization : organizations) {
      try (AwsOrganizationDiscovery discovery =
          AwsOrganizationDiscovery.create(organization, resolver, awsSettings.clients())) {
        results.add(discovery.discover());
      } catch (CloudledgerException e) {
        sessionFailures.add("session '" + organization.name() + "': " + e.getMessage());
      }
    }
    AccountRoster roster =
        AccountRoster.merge(jobs.stream().map(AccountJob::account).toList(), results);
    jobs.removeIf(job -> roster.inactiveKeys().contains(job.account()));
    for (DiscoveredAccount member : roster.discovered()) {
      if (!only.isEmpty() && !only.contains(member.account())) {
        continue;
      }
      AwsSession organization =
          organizations.stream()
              .filter(o -> o.name().equals(member.source()))
              .findFirst()
              .orElseThrow();
      AwsInventorySource source =
          AwsInventorySource.create(
              MemberSessions.aws(organization, member.account().accountId(), resolver),
              resolver,
              awsSettings);
      resources.add(source);
      jobs.add(new AccountJob(member.account(), source));
    }
    roster.inactive().stream()
        .filter(a -> only.isEmpty() || only.contains(a.account()))
        .forEach(inactive::add);
  }

  /** Organization members that are suspended, closed or being deleted: skipped, kept stale. */
  List<DiscoveredAccount> inactive() {
    return inactive;
  }

  List<AccountJob> jobs() {
    return jobs;
  }

  /** Sessions whose account could not even be identified (credentials, endpoint). */
  List<String> sessionFailures() {
    return sessionFailures;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // Closing SDK clients at exit: nothing useful to do with a failure here.
      }
    }
  }
}
