package io.cloudledger.aws.inventory;

import io.cloudledger.aws.discovery.AwsOrganizationDiscovery;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.discovery.AccountRoster;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.discovery.MemberSessions;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS accounts of a configuration as an {@link AccountDirectory}. A session with a role ARN
 * names its account without any call; a session without one is asked {@code GetCallerIdentity}
 * once, up front. Each sync builds the account's SDK clients and closes them afterwards: every SDK
 * client owns its own scheduler threads, so keeping the clients of hundreds of accounts (about 18
 * clients each: STS, S3, EC2 per region) in a long-lived worker would pile up thousands of threads.
 * Sessions of other clouds are skipped (each cloud has its own worker).
 *
 * <p>A session with an {@code organization:} block is not an account itself: its organization is
 * listed on every {@link #roster()} (each fan-out), its active members join the configured accounts
 * (a configured session of the same account wins) and its suspended or closed members are reported
 * inactive. A worker asked for a member it has not discovered itself derives the member's session
 * without listing the organization again when there is only one organization (the fan-out or the
 * trigger already checked the account against a fresh listing).
 */
public final class AwsAccountDirectory implements AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AwsAccountDirectory.class);
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:[^:]+:iam::(\\d{12}):role/.+");

  private final Map<AccountKey, AwsSession> sessions;
  private final List<AwsSession> organizations = new java.util.ArrayList<>();
  private final ConfigResolver resolver;
  private final AwsSourceSettings settings;
  private volatile Map<AccountKey, AwsSession> members = Map.of();

  private AwsAccountDirectory(
      Map<AccountKey, AwsSession> sessions, ConfigResolver resolver, AwsSourceSettings settings) {
    this.sessions = sessions;
    this.resolver = resolver;
    this.settings = settings;
  }

  /**
   * The directory of {@code config}'s AWS sessions. Throws {@link PermanentException} when two
   * sessions read the same account (which one should sync it?).
   */
  public static AwsAccountDirectory create(
      CloudledgerConfig config, ConfigResolver resolver, AwsSourceSettings settings) {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(settings, "settings");
    Map<AccountKey, AwsSession> sessions = new TreeMap<>();
    AwsAccountDirectory directory = new AwsAccountDirectory(sessions, resolver, settings);
    for (CloudSession session : config.sessions()) {
      if (!(session instanceof AwsSession aws)) {
        LOG.info("session {} skipped: this worker syncs AWS accounts", session.name());
        continue;
      }
      if (aws.organization().isPresent()) {
        directory.organizations.add(aws);
        continue;
      }
      Optional<AccountKey> account = directory.accountOf(aws);
      if (account.isEmpty()) {
        continue;
      }
      AwsSession previous = sessions.putIfAbsent(account.get(), aws);
      if (previous != null) {
        throw new PermanentException(
            "duplicate-account",
            "sessions '"
                + previous.name()
                + "' and '"
                + aws.name()
                + "' both read "
                + account.get());
      }
    }
    return directory;
  }

  private Optional<AccountKey> accountOf(AwsSession session) {
    Optional<String> roleArn = resolver.resolveOptionalText(session.roleArn());
    if (roleArn.isPresent()) {
      Matcher matcher = ROLE_ACCOUNT.matcher(roleArn.get());
      if (matcher.matches()) {
        return Optional.of(AccountKey.of(Provider.AWS, matcher.group(1)));
      }
    }
    // No (or an unusual) role ARN: let the source find its account, as the CLI does.
    try (AwsInventorySource source = AwsInventorySource.create(session, resolver, settings)) {
      return Optional.of(source.accountKey());
    } catch (CloudledgerException e) {
      LOG.warn("session {} skipped: its account is unknown: {}", session.name(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public List<AccountKey> accounts() {
    return organizations.isEmpty() ? List.copyOf(sessions.keySet()) : roster().active();
  }

  /**
   * Lists every organization now and merges its accounts with the configured ones. An organization
   * that cannot be listed is logged and left out, so the configured accounts and the other
   * organizations are still synced.
   */
  @Override
  public AccountRoster roster() {
    List<DiscoveryResult> results = new java.util.ArrayList<>();
    for (AwsSession organization : organizations) {
      try (AwsOrganizationDiscovery discovery =
          AwsOrganizationDiscovery.create(organization, resolver, settings.clients())) {
        DiscoveryResult result = discovery.discover();
        LOG.info(
            "organization session={} accounts={} inactive={} excludedByRules={} apiCalls={}",
            organization.name(),
            result.accounts().size(),
            result.inactive().size(),
            result.excludedByRules(),
            result.apiCalls());
        results.add(result);
      } catch (CloudledgerException e) {
        LOG.warn("organization session={} not listed: {}", organization.name(), e.getMessage());
      }
    }
    AccountRoster roster = AccountRoster.merge(sessions.keySet(), results);
    Map<AccountKey, AwsSession> discovered = new TreeMap<>();
    for (DiscoveredAccount account : roster.discovered()) {
      organizations.stream()
          .filter(o -> o.name().equals(account.source()))
          .findFirst()
          .ifPresent(
              o ->
                  discovered.put(
                      account.account(),
                      MemberSessions.aws(o, account.account().accountId(), resolver)));
    }
    members = Map.copyOf(discovered);
    return roster;
  }

  /** The session that reads {@code account}, if one does. */
  public Optional<AwsSession> session(AccountKey account) {
    return Optional.ofNullable(sessions.get(account));
  }

  @Override
  public <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work) {
    AwsSession session = sessionOf(account);
    if (session == null) {
      throw new PermanentException("unknown-account", "no configured AWS session reads " + account);
    }
    try (AwsInventorySource source = AwsInventorySource.create(session, resolver, settings)) {
      return work.apply(source);
    }
  }

  /** The configured session of {@code account}, else its member session, else null. */
  private AwsSession sessionOf(AccountKey account) {
    AwsSession configured = sessions.get(account);
    if (configured != null || organizations.isEmpty()) {
      return configured;
    }
    AwsSession member = members.get(account);
    if (member == null && organizations.size() == 1) {
      return MemberSessions.aws(organizations.getFirst(), account.accountId(), resolver);
    }
    if (member == null) {
      roster();
      member = members.get(account);
    }
    return member;
  }
}
