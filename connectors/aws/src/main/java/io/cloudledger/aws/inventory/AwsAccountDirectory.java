package io.cloudledger.aws.inventory;

import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS accounts of a configuration as an {@link AccountDirectory}. A session with a role ARN
 * names its account without any call, and its SDK clients are built on first use, so a worker that
 * syncs one account of hundreds builds one set of clients; a session without one is asked {@code
 * GetCallerIdentity} once, up front. Sessions of other clouds are skipped (each cloud has its own
 * worker). Closing it closes every source built.
 */
public final class AwsAccountDirectory implements AccountDirectory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AwsAccountDirectory.class);
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:[^:]+:iam::(\\d{12}):role/.+");

  private final Map<AccountKey, AwsSession> sessions;
  private final ConfigResolver resolver;
  private final AwsSourceSettings settings;
  private final Map<AccountKey, AwsInventorySource> sources = new ConcurrentHashMap<>();

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
      Optional<AccountKey> account = directory.accountOf(aws);
      if (account.isEmpty()) {
        continue;
      }
      AwsSession previous = sessions.putIfAbsent(account.get(), aws);
      if (previous != null) {
        directory.close();
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
    AwsInventorySource source = AwsInventorySource.create(session, resolver, settings);
    try {
      AccountKey account = source.accountKey();
      sources.put(account, source);
      return Optional.of(account);
    } catch (CloudledgerException e) {
      source.close();
      LOG.warn("session {} skipped: its account is unknown: {}", session.name(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public List<AccountKey> accounts() {
    return List.copyOf(sessions.keySet());
  }

  @Override
  public InventorySource inventorySource(AccountKey account) {
    AwsSession session = sessions.get(account);
    if (session == null) {
      throw new PermanentException("unknown-account", "no configured AWS session reads " + account);
    }
    return sources.computeIfAbsent(
        account, a -> AwsInventorySource.create(session, resolver, settings));
  }

  @Override
  public void close() {
    List<AwsInventorySource> built = new ArrayList<>(sources.values());
    sources.clear();
    built.forEach(AwsInventorySource::close);
  }
}
