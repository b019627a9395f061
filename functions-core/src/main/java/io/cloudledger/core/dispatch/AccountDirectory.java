package io.cloudledger.core.dispatch;

import io.cloudledger.core.discovery.AccountRoster;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import java.util.List;
import java.util.function.Function;

/**
 * The accounts a deployment syncs and the source that lists each (port): built from the
 * configuration's sessions (and, later, accounts discovered from an organization).
 */
public interface AccountDirectory {

  /** Every account to fan out to, in key order. */
  List<AccountKey> accounts();

  /**
   * The accounts to sync now and the inactive ones to skip; a directory that discovers accounts
   * lists its organizations here. By default, {@link #accounts()} with nothing inactive.
   */
  default AccountRoster roster() {
    return AccountRoster.configured(accounts());
  }

  /**
   * Runs {@code work} with the inventory source of {@code account} and releases the source (its SDK
   * clients, threads and connections) afterwards, so a long-lived worker does not accumulate the
   * clients of every account it ever synced. Throws {@link
   * io.cloudledger.core.error.PermanentException} ({@code unknown-account}) when the account is not
   * configured here.
   */
  <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work);
}
