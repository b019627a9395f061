package io.cloudledger.core.dispatch;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceKey;
import io.cloudledger.core.model.Scope;
import java.util.Objects;

/** One resource resolved for a targeted re-sync: its account and the scope that lists it. */
public record ResourceTarget(AccountKey account, ResourceKey resource, Scope scope) {
  public ResourceTarget {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
    if (!scope.covers(resource)) {
      throw new IllegalArgumentException(scope + " does not cover " + resource);
    }
  }
}
