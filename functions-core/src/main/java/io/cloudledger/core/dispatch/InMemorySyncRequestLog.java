package io.cloudledger.core.dispatch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SyncRequestLog} in memory, for tests and local runs. */
public final class InMemorySyncRequestLog implements SyncRequestLog {
  private final Map<String, AcceptedRequest> requests = new ConcurrentHashMap<>();

  @Override
  public void accepted(AcceptedRequest request) {
    requests.put(request.requestId(), request);
  }

  @Override
  public Optional<AcceptedRequest> find(String requestId) {
    return Optional.ofNullable(requests.get(requestId));
  }
}
