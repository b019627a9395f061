package io.cloudledger.core.worker;

import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.model.AccountKey;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a worker did for one request and account; {@code replayed} when a duplicate delivery got the
 * stored result of an earlier completion instead of syncing again.
 */
public record WorkResult(
    String requestId, AccountKey accountKey, Map<SyncKind, KindResult> kinds, boolean replayed) {

  public WorkResult {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(accountKey, "accountKey");
    kinds = Map.copyOf(new TreeMap<>(kinds));
  }

  WorkResult asReplayed() {
    return new WorkResult(requestId, accountKey, kinds, true);
  }
}
