package io.cloudledger.core.dispatch;

import io.cloudledger.core.model.Scope;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which part of an account's sync a request asks for: the whole account (part 0, no scopes), or,
 * when an earlier worker ran out of time, part {@code n} with the scopes it did not reach. A worker
 * checkpoints by sending the next part, so no sync depends on one invocation finishing in time.
 *
 * @param part 0 for the whole account, then 1, 2, ... for each continuation
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

  /** Whether this is the whole account rather than a continuation. */
  public boolean whole() {
    return part == 0;
  }

  /** The next part, for {@code remaining} scopes. */
  public WorkUnit next(Set<Scope> remaining) {
    Objects.requireNonNull(remaining, "remaining");
    return new WorkUnit(part + 1, remaining);
  }
}
