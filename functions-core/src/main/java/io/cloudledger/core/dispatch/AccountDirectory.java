package io.cloudledger.core.dispatch;

import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import java.util.List;

/**
 * The accounts a deployment syncs and the source that lists each (port): built from the
 * configuration's sessions (and, later, accounts discovered from an organization).
 */
public interface AccountDirectory {

  /** Every account to fan out to, in key order. */
  List<AccountKey> accounts();

  /**
   * The inventory source of {@code account}; throws {@link
   * io.cloudledger.core.error.PermanentException} ({@code unknown-account}) when it is not
   * configured here.
   */
  InventorySource inventorySource(AccountKey account);
}
