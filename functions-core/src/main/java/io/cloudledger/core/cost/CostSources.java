package io.cloudledger.core.cost;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which billing query covers each account (port), so that a cost request per account sends each
 * query once: an AWS payer's Cost Explorer query covers its linked accounts, a GCP billing export
 * covers every project billed to it, an Azure subscription is its own scope. Each connector
 * implements it from the configuration.
 */
public interface CostSources {

  /**
   * The coverage of {@code account}; throws {@link io.cloudledger.core.error.PermanentException}
   * ({@code unknown-account}) when the account is not configured here.
   */
  CostCoverage coverage(AccountKey account);

  /** The accounts that own a billing scope (their coverage is {@link CostCoverage.Owner}). */
  List<AccountKey> owners();

  /** One provider's sources per provider; an account of another provider is not covered. */
  static CostSources byProvider(Map<Provider, CostSources> sources) {
    Map<Provider, CostSources> copy = new EnumMap<>(Provider.class);
    copy.putAll(sources);
    return new CostSources() {
      @Override
      public CostCoverage coverage(AccountKey account) {
        CostSources provider = copy.get(account.provider());
        if (provider == null) {
          return new CostCoverage.NotCovered(
              "this deployment syncs no " + account.provider().prefix() + " cost");
        }
        return provider.coverage(account);
      }

      @Override
      public List<AccountKey> owners() {
        List<AccountKey> owners = new ArrayList<>();
        copy.values().forEach(s -> owners.addAll(s.owners()));
        return List.copyOf(owners);
      }
    };
  }
}
