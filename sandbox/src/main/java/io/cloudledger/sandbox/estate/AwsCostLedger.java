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
 * The estate's AWS bill: a cost per (account, service, day) for <em>any</em> date, generated from
 * the seed alone (the estate has no wall clock, so the demo works on every date), in cents, plus
 * revisions: {@link #revise} changes every amount of the given days, as AWS revises recent days.
 * Each account uses a fixed subset of {@link #SERVICES}. Thread-safe.
 */
public final class AwsCostLedger {
  /** The services the estate is billed for, with Cost Explorer's own service names. */
  public static final List<String> SERVICES =
      List.of(
          "Amazon Elastic Compute Cloud - Compute",
          "EC2 - Other",
          "Amazon Simple Storage Service",
          "Amazon Virtual Private Cloud",
          "AWS Lambda",
          "Amazon DynamoDB",
          "AmazonCloudWatch",
          "AWS Key Management Service",
          "Tax");

  // Typical daily spend per service, in cents: EC2 dominates, KMS is pocket money.
  private static final long[] MAX_CENTS = {
    40_000, 6_000, 8_000, 3_000, 2_500, 4_000, 1_500, 300, 900
  };

  private final long seed;
  private final Supplier<List<AwsAccount>> accounts;
  private final Map<LocalDate, Integer> revisions = new ConcurrentHashMap<>();

  AwsCostLedger(long seed, Supplier<List<AwsAccount>> accounts) {
    this.seed = seed;
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  /** The ledger of {@code estate}'s accounts. */
  public static AwsCostLedger of(Estate estate) {
    return new AwsCostLedger(estate.spec().seed(), estate::accounts);
  }

  /**
   * Whether {@code accountId} is billed for {@code service} at all (about two services in three).
   */
  public boolean uses(String accountId, String service) {
    int index = SERVICES.indexOf(service);
    if (index < 0) {
      return false;
    }
    // The first service (EC2 compute) is used by every account, so nobody's bill is empty.
    return index == 0 || Long.remainderUnsigned(mix(accountId, index, 0, -1), 3) != 0;
  }

  /** The amount billed, or zero for a service the account does not use. */
  public BigDecimal amount(String accountId, String service, LocalDate day) {
    if (!uses(accountId, service)) {
      return BigDecimal.ZERO;
    }
    int index = SERVICES.indexOf(service);
    long base =
        1 + Long.remainderUnsigned(mix(accountId, index, day.toEpochDay(), 0), MAX_CENTS[index]);
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
   * day, then service (in {@link #SERVICES} order), then account (in the given order).
   */
  public List<DailyCost> costs(LocalDate start, LocalDate end, List<String> accountIds) {
    List<DailyCost> costs = new ArrayList<>();
    for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
      for (String service : SERVICES) {
        for (String accountId : accountIds) {
          if (uses(accountId, service)) {
            costs.add(new DailyCost(day, service, accountId, amount(accountId, service, day)));
          }
        }
      }
    }
    return costs;
  }

  /** Every account of the estate's costs, in generation order. */
  public List<DailyCost> costs(LocalDate start, LocalDate end) {
    return costs(start, end, accounts.get().stream().map(AwsAccount::accountId).toList());
  }

  /** Revises every amount of these days (each call changes them again); returns the days. */
  public List<LocalDate> revise(List<LocalDate> days) {
    days.forEach(day -> revisions.merge(day, 1, Integer::sum));
    return List.copyOf(days);
  }

  private long mix(String accountId, int service, long day, int revision) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h ^= Long.parseLong(accountId) * 0xBF58476D1CE4E5B9L;
    h ^= (service + 1L) * 0x94D049BB133111EBL;
    h ^= (day + 7L) * 0xD6E8FEB86659FD93L;
    h ^= (revision + 3L) * 0xA0761D6478BD642FL;
    // SplitMix64's finalizer: neighbouring inputs give unrelated outputs.
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
