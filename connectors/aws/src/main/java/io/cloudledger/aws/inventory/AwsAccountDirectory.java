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
 */
public final class AwsAccountDirectory implements AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AwsAccountDirectory.class);
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:[^:]+:iam::(\\d{12}):role/.+");

  private final Map<AccountKey, AwsSession> sessions;
  private final ConfigResolver resolver;
  private final AwsSourceSettings settings;

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
    return List.copyOf(sessions.keySet());
  }

  /** The session that reads {@code account}, if one does. */
  public Optional<AwsSession> session(AccountKey account) {
    return Optional.ofNullable(sessions.get(account));
  }

  @Override
  public <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work) {
    AwsSession session = sessions.get(account);
    if (session == null) {
      throw new PermanentException("unknown-account", "no configured AWS session reads " + account);
    }
    try (AwsInventorySource source = AwsInventorySource.create(session, resolver, settings)) {
      return work.apply(source);
    }
  }
}
