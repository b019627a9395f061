package io.cloudledger.core.dispatch;

import java.util.Optional;

/**
 * Where accepted fan-outs are recorded (port), so {@code GET /sync/{requestId}} knows a request's
 * accounts before any worker has started. Recording the same request again replaces it.
 */
public interface SyncRequestLog {

  void accepted(AcceptedRequest request);

  Optional<AcceptedRequest> find(String requestId);
}
