package io.cloudledger.core.inventory;

import io.cloudledger.core.model.Scope;

/**
 * Lists one scope into a sink (a connector's per-region call). Returns {@link
 * ScopeOutcome#complete} after the last page, or a partial outcome if it stopped early; throws a
 * {@link io.cloudledger.core.error.CloudledgerException} when the scope cannot be listed.
 */
@FunctionalInterface
public interface ScopeLister {
  ScopeOutcome list(Scope scope, PageSink sink);
}
