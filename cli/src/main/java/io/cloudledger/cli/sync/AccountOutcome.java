package io.cloudledger.cli.sync;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.sync.SyncCounts;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;

/** How one account's sync ended: with a result (possibly partial), or failed outright. */
public sealed interface AccountOutcome {
  AccountKey account();

  /** The counts; zero when the account failed before anything was synced. */
  SyncCounts counts();

  /** API calls the source made; zero when unknown. */
  long apiCalls();

  /** Whether the account is fully synced (no failed scope, no error). */
  boolean succeeded();

  /** A one-line description for progress and reports. */
  String describe();

  /** The engine finished the account; some scopes may have failed. */
  record Synced(SyncResult result) implements AccountOutcome {
    @Override
    public AccountKey account() {
      return result.run().account();
    }

    @Override
    public SyncCounts counts() {
      return result.counts();
    }

    @Override
    public long apiCalls() {
      return result.run().apiCalls();
    }

    @Override
    public boolean succeeded() {
      return result.status() == SyncStatus.SUCCEEDED;
    }

    @Override
    public String describe() {
      SyncCounts c = counts();
      String line =
          "%s: %d seen, %d created, %d changed, %d unchanged, %d tombstoned"
              .formatted(
                  account(), c.seen(), c.created(), c.changed(), c.unchanged(), c.tombstoned());
      if (!result.failedScopes().isEmpty()) {
        line +=
            "; failed: "
                + String.join(
                    ", ",
                    result.failedScopes().stream()
                        .map(s -> s.scope().key() + " (" + s.reason() + ")")
                        .toList());
      }
      return line;
    }
  }

  /** The account could not be synced at all (credentials, access, an unreachable endpoint). */
  record Failed(AccountKey account, String reason) implements AccountOutcome {
    @Override
    public SyncCounts counts() {
      return SyncCounts.ZERO;
    }

    @Override
    public long apiCalls() {
      return 0;
    }

    @Override
    public boolean succeeded() {
      return false;
    }

    @Override
    public String describe() {
      return account + ": failed: " + reason;
    }
  }
}
