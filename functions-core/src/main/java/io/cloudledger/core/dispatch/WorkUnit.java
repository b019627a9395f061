package io.cloudledger.core.dispatch;

import io.cloudledger.core.model.Scope;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which part of an account's sync a request asks for: the whole account (part 0, no scopes), a
 * targeted re-sync of named scopes (part 0 with scopes), or, when an earlier worker ran out of
 * time, part {@code n} with the scopes it did not reach. A worker checkpoints by sending the next
 * part, so no sync depends on one invocation finishing in time.
 *
 * @param part 0 for the request's first part, then 1, 2, ... for each continuation
 * @param scopes the scopes still to list; empty for the whole account
 */
public record WorkUnit(int part, Set<Scope> scopes) {
  /** The whole account, as the fan-out and the HTTP trigger ask for it. */
  public static final WorkUnit WHOLE = new WorkUnit(0, Set.of());

  public WorkUnit {
    if (part < 0) {
      throw new IllegalArgumentException("a work unit's part must not be negative, got " + part);
    }
    scopes = scopes == null ? Set.of() : Set.copyOf(new TreeSet<>(scopes));
    if (part > 0 && scopes.isEmpty()) {
      throw new IllegalArgumentException("continuation part " + part + " names no scopes");
    }
  }

  /** Jackson's filter that leaves the whole-account unit out of a message. */
  static final class WholeFilter {
    @Override
    public boolean equals(Object value) {
      return value == null || WHOLE.equals(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** Only {@code scopes} of the account, as the HTTP trigger asks for one resource's scope. */
  public static WorkUnit targeted(Set<Scope> scopes) {
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a targeted work unit needs at least one scope");
    }
    return new WorkUnit(0, scopes);
  }

  /** Whether this is the request's first part (whole account or targeted), not a continuation. */
  public boolean first() {
    return part == 0;
  }

  /** Whether this is the whole account: the first part, naming no scopes. */
  public boolean whole() {
    return part == 0 && scopes.isEmpty();
  }

  /** The next part, for {@code remaining} scopes. */
  public WorkUnit next(Set<Scope> remaining) {
    Objects.requireNonNull(remaining, "remaining");
    return new WorkUnit(part + 1, remaining);
  }
}
