package io.cloudledger.aws.cost;

import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.cost.CostCoverage;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import java.util.List;
import java.util.Objects;

/**
 * The AWS {@link CostSources}: an account whose session says {@code cost_explorer: true} is a payer
 * and runs the one Cost Explorer query for all its linked accounts; every other configured account
 * is covered by the payer(s) and costs no call.
 */
public final class AwsCostSources implements CostSources {
  private final AwsAccountDirectory directory;
  private final ConfigResolver resolver;
  private final AwsCostSettings settings;
  private final AwsClientSettings clientSettings;

  public AwsCostSources(
      AwsAccountDirectory directory,
      ConfigResolver resolver,
      AwsCostSettings settings,
      AwsClientSettings clientSettings) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
  }

  @Override
  public CostCoverage coverage(AccountKey account) {
    AwsSession session =
        directory
            .session(account)
            .orElseThrow(
                () ->
                    new PermanentException(
                        "unknown-account", "no configured AWS session reads " + account));
    if (session.costExplorer()) {
      return new CostCoverage.Owner(
          () -> AwsCostSource.create(session, resolver, settings, clientSettings));
    }
    List<AccountKey> payers = owners();
    if (payers.isEmpty()) {
      return new CostCoverage.NotCovered(
          "no AWS session has cost_explorer: true (mark the payer account's session)");
    }
    return new CostCoverage.CoveredBy("aws payer " + payers);
  }

  /** The payer accounts: those whose session has {@code cost_explorer: true}. */
  @Override
  public List<AccountKey> owners() {
    return directory.accounts().stream()
        .filter(a -> directory.session(a).map(AwsSession::costExplorer).orElse(false))
        .toList();
  }
}
