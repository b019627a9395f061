package io.cloudledger.cli.sync;

import io.cloudledger.core.model.Provider;
import io.cloudledger.core.sync.SyncCounts;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The outcome of syncing several accounts: one entry per account, in account-key order. */
public record SyncReport(String requestId, List<AccountOutcome> accounts, Duration elapsed) {

  public SyncReport {
    accounts = accounts.stream().sorted(Comparator.comparing(AccountOutcome::account)).toList();
  }

  public SyncCounts totals() {
    return accounts.stream().map(AccountOutcome::counts).reduce(SyncCounts.ZERO, SyncCounts::plus);
  }

  public long apiCalls() {
    return accounts.stream().mapToLong(AccountOutcome::apiCalls).sum();
  }

  /** Resources seen per provider (every provider listed, zero when none). */
  public Map<Provider, Long> resourcesPerProvider() {
    Map<Provider, Long> perProvider = new EnumMap<>(Provider.class);
    for (Provider provider : Provider.values()) {
      perProvider.put(provider, 0L);
    }
    accounts.forEach(a -> perProvider.merge(a.account().provider(), a.counts().seen(), Long::sum));
    return perProvider;
  }

  public List<AccountOutcome> failures() {
    return accounts.stream().filter(a -> !a.succeeded()).toList();
  }

  public boolean succeeded() {
    return failures().isEmpty();
  }
}
