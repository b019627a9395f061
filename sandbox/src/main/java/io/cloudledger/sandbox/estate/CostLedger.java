package io.cloudledger.sandbox.estate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The estate's bill on one cloud: a cost per (account, service, day) for <em>any</em> date,
 * generated from the seed alone (the estate has no wall clock, so the demo works on every date), in
 * cents, plus revisions: {@link #revise} changes every amount of the given days, as providers
 * revise recent days. Each account (AWS account, Azure subscription, GCP project) uses a fixed
 * subset of its {@link CostCatalog}'s services. Thread-safe.
 */
public final class CostLedger {
  /** The AWS services the estate is billed for, with Cost Explorer's own service names. */
  public static final List<String> SERVICES = CostCatalog.AWS.services();

  private final long seed;
  private final CostCatalog catalog;
  private final Supplier<List<String>> accounts;
  private final Map<LocalDate, Integer> revisions = new ConcurrentHashMap<>();

  CostLedger(long seed, CostCatalog catalog, Supplier<List<String>> accounts) {
    this.seed = seed;
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  /** What this ledger bills: services, currency. */
  public CostCatalog catalog() {
    return catalog;
  }

  /** The currency of every amount. */
  public String currency() {
    return catalog.currency();
  }

  /**
   * Whether {@code accountId} is billed for {@code service} at all (about two services in three).
   */
  public boolean uses(String accountId, String service) {
    int index = catalog.services().indexOf(service);
    if (index < 0) {
      return false;
    }
    // The first service (compute) is used by every account, so nobody's bill is empty.
    return index == 0 || Long.remainderUnsigned(mix(accountId, index, 0, -1), 3) != 0;
  }

  /** The amount billed, or zero for a service the account does not use. */
  public BigDecimal amount(String accountId, String service, LocalDate day) {
    if (!uses(accountId, service)) {
      return BigDecimal.ZERO;
    }
    int index = catalog.services().indexOf(service);
    long base =
        1
            + Long.remainderUnsigned(
                mix(accountId, index, day.toEpochDay(), 0), catalog.maxCents(index));
    int revision = revisions.getOrDefault(day, 0);
    // Every revision adds a positive amount, so a revised day always differs from before.
    long revised = 0;
    for (int r = 1; r <= revision; r++) {
      revised += 1 + Long.remainderUnsigned(mix(accountId, index, day.toEpochDay(), r), 500);
    }
    return BigDecimal.valueOf(base + revised, 2);
  }

  /**
   * Every non-zero cost of these accounts from {@code start} to {@code end} (exclusive), ordered by
   * day, then service (in catalog order), then account (in the given order).
   */
  public List<DailyCost> costs(LocalDate start, LocalDate end, List<String> accountIds) {
    List<DailyCost> costs = new ArrayList<>();
    for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
      for (String service : catalog.services()) {
        for (String accountId : accountIds) {
          if (uses(accountId, service)) {
            costs.add(new DailyCost(day, service, accountId, amount(accountId, service, day)));
          }
        }
      }
    }
    return costs;
  }

  /** Every account of the estate's costs on this cloud, in generation order. */
  public List<DailyCost> costs(LocalDate start, LocalDate end) {
    return costs(start, end, accounts.get());
  }

  /** Revises every amount of these days (each call changes them again); returns the days. */
  public List<LocalDate> revise(List<LocalDate> days) {
    days.forEach(day -> revisions.merge(day, 1, Integer::sum));
    return List.copyOf(days);
  }

  private long mix(String accountId, int service, long day, int revision) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h ^= accountHash(accountId) * 0xBF58476D1CE4E5B9L;
    h ^= (service + 1L) * 0x94D049BB133111EBL;
    h ^= (day + 7L) * 0xD6E8FEB86659FD93L;
    h ^= (revision + 3L) * 0xA0761D6478BD642FL;
    // SplitMix64's finalizer: neighbouring inputs give unrelated outputs.
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  /** An AWS account id is its own number (as before); other ids hash with 64-bit FNV-1a. */
  private static long accountHash(String accountId) {
    if (accountId.length() <= 18 && accountId.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(accountId);
    }
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < accountId.length(); i++) {
      h ^= accountId.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
