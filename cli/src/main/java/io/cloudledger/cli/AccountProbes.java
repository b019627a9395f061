package io.cloudledger.cli;

import io.cloudledger.aws.discovery.AwsOrganizationDiscovery;
import io.cloudledger.aws.health.AwsAccountProbe;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.azure.health.AzureSubscriptionProbe;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.discovery.MemberSessions;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.gcp.health.GcpProjectProbe;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.gcp.session.GcpClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the onboarding probe of every account a configuration reads: each configured AWS session,
 * each active member of each organization session (through the member role, as a sync would), each
 * Azure subscription and each GCP project (configured or discovered).
 */
final class AccountProbes {
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:[^:]+:iam::(\\d{12}):role/.+");

  private AccountProbes() {}

  /**
   * The health of every account, in account order; {@code only} (when not empty) narrows it. An
   * organization that cannot be listed is reported as one unhealthy entry named after its session.
   */
  static List<AccountHealth> check(
      CloudledgerConfig config, ConfigResolver resolver, Set<AccountKey> only, int parallel) {
    AwsClientSettings settings = AwsClientSettings.defaults();
    List<Supplier<AccountHealth>> probes = new ArrayList<>();
    List<AccountHealth> results = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      for (CloudSession session : config.sessions()) {
        switch (session) {
          case AwsSession aws when aws.organization().isPresent() ->
              addMembers(aws, resolver, settings, only, probes, results);
          case AwsSession aws -> {
            if (only.isEmpty() || knownAccount(aws, resolver).map(only::contains).orElse(true)) {
              probes.add(() -> probe(aws, resolver, settings));
            }
          }
          case AzureSession azure -> addAzure(azure, resolver, only, probes, results);
          case GcpSession gcp -> addGcp(gcp, resolver, only, probes, results, resources);
        }
      }
      results.addAll(runAll(probes, parallel));
    } finally {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception ignored) {
          // closing SDK clients at the end of a command
        }
      }
    }
    return results.stream()
        .filter(h -> only.isEmpty() || only.stream().anyMatch(k -> k.value().equals(h.account())))
        .sorted(Comparator.comparing(AccountHealth::account))
        .toList();
  }

  private static void addMembers(
      AwsSession organization,
      ConfigResolver resolver,
      AwsClientSettings settings,
      Set<AccountKey> only,
      List<Supplier<AccountHealth>> probes,
      List<AccountHealth> results) {
    DiscoveryResult discovered;
    try (AwsOrganizationDiscovery discovery =
        AwsOrganizationDiscovery.create(organization, resolver, settings)) {
      discovered = discovery.discover();
    } catch (CloudledgerException e) {
      results.add(
          new AccountHealth(
              organization.name(),
              organization.name(),
              List.of(HealthCheck.failed("organizations:ListAccounts", e.getMessage()))));
      return;
    }
    for (DiscoveredAccount member : discovered.accounts()) {
      if (!only.isEmpty() && !only.contains(member.account())) {
        continue;
      }
      if (!member.active()) {
        results.add(
            new AccountHealth(
                member.account().value(),
                organization.name(),
                List.of(
                    HealthCheck.skipped(
                        "account", "the organization reports it " + member.status()))));
        continue;
      }
      AwsSession session = MemberSessions.aws(organization, member.account().accountId(), resolver);
      probes.add(() -> probe(session, resolver, settings));
    }
  }

  /** One probe per subscription (configured, or discovered when none is configured). */
  private static void addAzure(
      AzureSession session,
      ConfigResolver resolver,
      Set<AccountKey> only,
      List<Supplier<AccountHealth>> probes,
      List<AccountHealth> results) {
    AzureClients clients;
    List<AccountKey> subscriptions;
    try {
      clients = AzureClients.create(session, resolver, AzureClientSettings.defaults());
      subscriptions = clients.accounts();
    } catch (CloudledgerException e) {
      results.add(
          new AccountHealth(
              session.name(),
              session.name(),
              List.of(
                  HealthCheck.failed("Microsoft.Resources/subscriptions/read", e.getMessage()))));
      return;
    }
    for (AccountKey subscription : subscriptions) {
      if (only.isEmpty() || only.contains(subscription)) {
        probes.add(() -> new AzureSubscriptionProbe(clients, subscription, session.name()).check());
      }
    }
  }

  /** One probe per project (configured, or discovered when none is configured). */
  private static void addGcp(
      GcpSession session,
      ConfigResolver resolver,
      Set<AccountKey> only,
      List<Supplier<AccountHealth>> probes,
      List<AccountHealth> results,
      List<AutoCloseable> resources) {
    GcpClients clients;
    List<AccountKey> projects;
    try {
      clients = GcpClients.create(session, resolver, GcpClientSettings.defaults());
      resources.add(clients);
      projects = clients.projects();
    } catch (CloudledgerException e) {
      results.add(
          new AccountHealth(
              session.name(),
              session.name(),
              List.of(HealthCheck.failed("resourcemanager.projects.list", e.getMessage()))));
      return;
    }
    for (AccountKey project : projects) {
      if (only.isEmpty() || only.contains(project)) {
        probes.add(() -> new GcpProjectProbe(clients, project).check());
      }
    }
  }

  private static AccountHealth probe(
      AwsSession session, ConfigResolver resolver, AwsClientSettings settings) {
    try (AwsAccountProbe probe = AwsAccountProbe.create(session, resolver, settings)) {
      return probe.check();
    } catch (CloudledgerException e) {
      // A value that cannot be resolved (ENV/, SEC/) before any call.
      return new AccountHealth(
          session.name(),
          session.name(),
          List.of(HealthCheck.failed("credentials", e.getMessage())));
    }
  }

  /** The account of a session with a role ARN, known without any call. */
  private static Optional<AccountKey> knownAccount(AwsSession session, ConfigResolver resolver) {
    try {
      return resolver
          .resolveOptionalText(session.roleArn())
          .map(ROLE_ACCOUNT::matcher)
          .filter(Matcher::matches)
          .map(m -> AccountKey.parse("aws#" + m.group(1)));
    } catch (CloudledgerException e) {
      return Optional.empty();
    }
  }

  private static List<AccountHealth> runAll(List<Supplier<AccountHealth>> probes, int parallel) {
    Semaphore permits = new Semaphore(Math.max(1, parallel));
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<AccountHealth>> futures = new ArrayList<>();
      for (Supplier<AccountHealth> probe : probes) {
        futures.add(
            executor.submit(
                () -> {
                  permits.acquire();
                  try {
                    return probe.get();
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<AccountHealth> results = new ArrayList<>();
      for (Future<AccountHealth> future : futures) {
        try {
          results.add(future.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while checking accounts", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("an account check failed unexpectedly", e.getCause());
        }
      }
      return results;
    }
  }
}
