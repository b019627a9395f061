package io.cloudledger.core.inventory;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.model.Scope;
import java.util.Objects;

/**
 * How the listing of one scope ended, as a source reports it; {@code reason} is empty when the
 * listing completed and names the cause otherwise (never a secret).
 */
public record ScopeOutcome(Scope scope, ListingStatus status, String reason) {

  public ScopeOutcome {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
    if (status != ListingStatus.COMPLETE && reason.isBlank()) {
      throw new IllegalArgumentException(
          "a " + status + " listing of " + scope + " needs a reason");
    }
  }

  public static ScopeOutcome complete(Scope scope) {
    return new ScopeOutcome(scope, ListingStatus.COMPLETE, "");
  }

  public static ScopeOutcome partial(Scope scope, String reason) {
    return new ScopeOutcome(scope, ListingStatus.PARTIAL, reason);
  }

  public static ScopeOutcome failed(Scope scope, String reason) {
    return new ScopeOutcome(scope, ListingStatus.FAILED, reason);
  }

  /** A failed scope whose reason is the error's code and message. */
  public static ScopeOutcome failed(Scope scope, CloudledgerException error) {
    String message = error.getMessage();
    return failed(
        scope,
        message == null || message.isBlank() ? error.reason() : error.reason() + ": " + message);
  }

  public boolean complete() {
    return status == ListingStatus.COMPLETE;
  }
}
