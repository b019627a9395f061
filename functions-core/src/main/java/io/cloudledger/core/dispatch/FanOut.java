package io.cloudledger.core.dispatch;

import io.cloudledger.core.discovery.AccountRoster;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.StaleInventory;
import io.cloudledger.core.model.AccountKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a schedule tick or an on-demand call into one {@link SyncRequest} per account, records the
 * accepted request, and dispatches the requests.
 *
 * <p>A schedule's request id is derived from the tick and the kinds only, so a re-delivered
 * schedule event produces the very same requests, which the workers' idempotency then skips.
 */
public final class FanOut {
  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  /** The trigger of scheduled fan-outs. */
  public static final String SCHEDULE = "schedule";

  private final AccountDirectory directory;
  private final Dispatcher dispatcher;
  private final SyncRequestLog log;
  private final java.util.Optional<StaleInventory> stale;

  public FanOut(AccountDirectory directory, Dispatcher dispatcher, SyncRequestLog log) {
    this(directory, dispatcher, log, java.util.Optional.empty());
  }

  /**
   * A fan-out that, on each schedule tick, marks the stored inventory of the directory's inactive
   * (suspended, closed) accounts stale instead of syncing them.
   */
  public FanOut(
      AccountDirectory directory, Dispatcher dispatcher, SyncRequestLog log, StaleInventory stale) {
    this(directory, dispatcher, log, java.util.Optional.of(stale));
  }

  private FanOut(
      AccountDirectory directory,
      Dispatcher dispatcher,
      SyncRequestLog log,
      java.util.Optional<StaleInventory> stale) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.log = Objects.requireNonNull(log, "log");
    this.stale = stale;
  }

  /** Fans out the schedule's tick (seconds are dropped: a schedule fires per minute at most). */
  public AcceptedRequest scheduled(Instant tick, Set<SyncKind> kinds) {
    Instant minute = tick.truncatedTo(ChronoUnit.MINUTES);
    AccountRoster roster = directory.roster();
    skipInactive(roster.inactive());
    return dispatch(scheduledRequestId(minute, kinds), roster.active(), kinds, SCHEDULE, minute);
  }

  /**
   * Inactive accounts are not synced (a sync could only fail, or worse, find nothing and tombstone
   * everything); their stored inventory is marked stale, when a store is wired.
   */
  private void skipInactive(List<DiscoveredAccount> inactive) {
    for (DiscoveredAccount account : inactive) {
      int marked = 0;
      if (stale.isPresent()) {
        try {
          marked = stale.get().mark(account);
        } catch (RuntimeException e) {
          // The active accounts must still be synced; the next tick marks it again.
          LOG.warn("could not mark {} stale: {}", account.account(), e.getMessage());
        }
      }
      LOG.info(
          "skipped inactive account={} status={} source={} staleScopes={}",
          account.account(),
          account.status(),
          account.source(),
          marked);
    }
  }

  /**
   * Fans out an on-demand request to {@code accounts} (every account when empty); throws {@link
   * UnknownAccountsException} before sending anything when one is not configured.
   */
  public AcceptedRequest requested(
      String requestId,
      List<AccountKey> accounts,
      Set<SyncKind> kinds,
      String trigger,
      Instant requestedAt) {
    List<AccountKey> known = directory.accounts();
    List<AccountKey> selected = accounts.isEmpty() ? known : accounts;
    Set<AccountKey> knownSet = new HashSet<>(known);
    List<AccountKey> unknown =
        selected.stream().filter(a -> !knownSet.contains(a)).distinct().sorted().toList();
    if (!unknown.isEmpty()) {
      throw new UnknownAccountsException(unknown);
    }
    return dispatch(requestId, selected, kinds, trigger, requestedAt);
  }

  /**
   * Dispatches one request that re-syncs only {@code target}'s scope of its account (inventory
   * only); throws {@link UnknownAccountsException} when the account is not configured.
   */
  public AcceptedRequest targeted(
      String requestId, ResourceTarget target, String trigger, Instant requestedAt) {
    if (!directory.accounts().contains(target.account())) {
      throw new UnknownAccountsException(List.of(target.account()));
    }
    Set<SyncKind> kinds = EnumSet.of(SyncKind.INVENTORY);
    AcceptedRequest accepted =
        new AcceptedRequest(requestId, trigger, kinds, requestedAt, List.of(target.account()));
    SyncRequest request =
        new SyncRequest(
            SyncRequest.SCHEMA_VERSION,
            requestId,
            target.account(),
            kinds,
            trigger,
            requestedAt,
            WorkUnit.targeted(Set.of(target.scope())));
    log.accepted(accepted);
    dispatcher.dispatch(List.of(request));
    LOG.info(
        "dispatched a targeted sync requestId={} accountKey={} scope={} resource={}",
        requestId,
        target.account(),
        target.scope(),
        target.resource());
    return accepted;
  }

  /** The request id of a schedule's tick, e.g. {@code schedule-inventory-2026-11-23T17:00:00Z}. */
  public static String scheduledRequestId(Instant tick, Set<SyncKind> kinds) {
    String kindPart =
        EnumSet.copyOf(kinds).stream().map(SyncKind::key).collect(Collectors.joining("+"));
    return SCHEDULE + "-" + kindPart + "-" + tick.truncatedTo(ChronoUnit.MINUTES);
  }

  private AcceptedRequest dispatch(
      String requestId,
      List<AccountKey> accounts,
      Set<SyncKind> kinds,
      String trigger,
      Instant requestedAt) {
    AcceptedRequest accepted =
        new AcceptedRequest(requestId, trigger, kinds, requestedAt, accounts);
    List<SyncRequest> requests =
        accepted.accounts().stream()
            .map(account -> SyncRequest.of(requestId, account, kinds, trigger, requestedAt))
            .toList();
    // Recorded first, so the status query knows every account before the first worker runs.
    log.accepted(accepted);
    dispatcher.dispatch(requests);
    LOG.info(
        "fanned out requestId={} trigger={} accounts={} kinds={}",
        requestId,
        trigger,
        requests.size(),
        kinds);
    return accepted;
  }
}
