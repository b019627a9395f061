package io.cloudledger.core.inventory;

import io.cloudledger.core.model.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which scopes of an account one listing covers, and until when it may start new ones: a worker
 * with a time budget lists scopes until {@code startNoneAfter}, and the scopes it did not reach are
 * reported as deferred, to be listed by the next part of the sync.
 *
 * @param only the scopes to list; empty for every scope the source finds
 * @param startNoneAfter no scope starts at or after this instant
 */
public record ScopeSelection(Set<Scope> only, Instant startNoneAfter) {
  public ScopeSelection {
    only = Set.copyOf(only);
    Objects.requireNonNull(startNoneAfter, "startNoneAfter");
  }

  /** Every scope, without a time limit. */
  public static ScopeSelection all() {
    return new ScopeSelection(Set.of(), Instant.MAX);
  }

  /** Whether {@code scope} is to be listed at all. */
  public boolean includes(Scope scope) {
    return only.isEmpty() || only.contains(scope);
  }

  /** Whether the time to start new scopes is over. */
  public boolean expired(Clock clock) {
    return !clock.instant().isBefore(startNoneAfter);
  }
}
