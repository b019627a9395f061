package io.cloudledger.core.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.idempotency.Idempotency;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Processes one {@link SyncRequest}: each of its kinds once, under the request's idempotency key,
 * so a duplicate delivery of completed work returns the stored result and syncs nothing, and one
 * that arrives while the first runs fails with a retryable {@link
 * io.cloudledger.core.idempotency.RequestInProgressException}. The sync runs themselves are
 * recorded by the kinds (the inventory's {@code SyncEngine} saves a {@code SyncRun}).
 */
public final class SyncWorker {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Idempotency idempotency;
  private final Map<SyncKind, KindSync> kinds;

  public SyncWorker(Idempotency idempotency, Map<SyncKind, KindSync> kinds) {
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    this.kinds = Map.copyOf(kinds);
  }

  public WorkResult process(SyncRequest request) {
    return process(request, Instant.MAX);
  }

  /**
   * Processes {@code request}, starting no new unit of work after {@code deadline}: kinds that can
   * split their work checkpoint what they finished and send the rest as the request's next part.
   */
  public WorkResult process(SyncRequest request, Instant deadline) {
    MDC.put("requestId", request.requestId());
    MDC.put("accountKey", request.accountKey().value());
    try {
      for (SyncKind kind : request.kinds()) {
        if (!kinds.containsKey(kind)) {
          throw new UnsupportedKindException(kind);
        }
      }
      Idempotency.Outcome outcome =
          idempotency.run(request.idempotencyKey(), () -> toJson(runKinds(request, deadline)));
      WorkResult result = fromJson(outcome.result());
      if (outcome.replayed()) {
        LOG.info(
            "duplicate delivery, returning the stored result requestId={} accountKey={}",
            request.requestId(),
            request.accountKey());
        return result.asReplayed();
      }
      return result;
    } finally {
      MDC.remove("requestId");
      MDC.remove("accountKey");
    }
  }

  private WorkResult runKinds(SyncRequest request, Instant deadline) {
    Map<SyncKind, KindResult> results = new EnumMap<>(SyncKind.class);
    for (SyncKind kind : request.kinds()) {
      results.put(kind, kinds.get(kind).sync(request, deadline));
    }
    return new WorkResult(request.requestId(), request.accountKey(), results, false);
  }

  private static String toJson(WorkResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the result of " + result.requestId(), e);
    }
  }

  private static WorkResult fromJson(String json) {
    try {
      return JSON.readValue(json, WorkResult.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot read a stored work result", e);
    }
  }
}
