package io.cloudledger.core.dispatch;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A directory of fixed accounts, each with an optional source. */
public final class FixedDirectory implements AccountDirectory {
  private final List<AccountKey> accounts;
  private final Map<AccountKey, InventorySource> sources = new HashMap<>();

  public FixedDirectory(List<AccountKey> accounts) {
    this.accounts = accounts.stream().sorted().toList();
  }

  public FixedDirectory with(AccountKey account, InventorySource source) {
    sources.put(account, source);
    return this;
  }

  @Override
  public List<AccountKey> accounts() {
    return accounts;
  }

  @Override
  public <T> T withInventorySource(AccountKey account, Function<InventorySource, T> work) {
    InventorySource source = sources.get(account);
    if (source == null) {
      throw new PermanentException("unknown-account", "no source for " + account);
    }
    return work.apply(source);
  }
}
