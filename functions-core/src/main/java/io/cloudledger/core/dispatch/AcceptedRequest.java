package io.cloudledger.core.dispatch;

import io.cloudledger.core.model.AccountKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A fan-out as accepted: which accounts one request id covers, for the status query. */
public record AcceptedRequest(
    String requestId,
    String trigger,
    Set<SyncKind> kinds,
    Instant requestedAt,
    List<AccountKey> accounts) {

  public AcceptedRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(trigger, "trigger");
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    Objects.requireNonNull(requestedAt, "requestedAt");
    accounts = accounts.stream().sorted().distinct().toList();
  }
}
