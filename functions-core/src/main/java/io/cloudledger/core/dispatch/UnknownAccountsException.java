package io.cloudledger.core.dispatch;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import java.util.List;

/** A sync was asked for accounts this deployment does not sync. */
public final class UnknownAccountsException extends PermanentException {
  private final List<AccountKey> accounts;

  public UnknownAccountsException(List<AccountKey> accounts) {
    super(
        "unknown-account",
        "no configured session reads "
            + String.join(", ", accounts.stream().map(AccountKey::value).toList()));
    this.accounts = List.copyOf(accounts);
  }

  public List<AccountKey> accounts() {
    return accounts;
  }
}
