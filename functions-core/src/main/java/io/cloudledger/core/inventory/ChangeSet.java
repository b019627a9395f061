package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import java.util.List;
import java.util.Objects;

/**
 * Writes for one account: resources to put whole (new, changed or reappearing) and tombstones. A
 * store may split it into batches; each write is idempotent, so a retried change set is harmless.
 */
public record ChangeSet(AccountKey account, List<Resource> puts, List<Tombstone> tombstones) {

  public ChangeSet {
    Objects.requireNonNull(account, "account");
    puts = List.copyOf(puts);
    tombstones = List.copyOf(tombstones);
    for (Resource resource : puts) {
      if (!resource.accountKey().equals(account)) {
        throw new IllegalArgumentException(
            "resource "
                + resource.resourceKey()
                + " of "
                + resource.accountKey()
                + " in a change set for "
                + account);
      }
    }
  }

  public static ChangeSet puts(AccountKey account, List<Resource> puts) {
    return new ChangeSet(account, puts, List.of());
  }

  public static ChangeSet tombstones(AccountKey account, List<Tombstone> tombstones) {
    return new ChangeSet(account, List.of(), tombstones);
  }

  /** The number of items written. */
  public int size() {
    return puts.size() + tombstones.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }
}
