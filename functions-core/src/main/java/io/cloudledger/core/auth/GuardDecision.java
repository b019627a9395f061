package io.cloudledger.core.auth;

import io.cloudledger.core.dispatch.ApiResponse;
import java.util.Map;

/** Whether {@link TriggerGuard} lets a request through, and if not, the answer to send. */
public sealed interface GuardDecision {

  /** The request may proceed on behalf of {@code keyName}. */
  record Allowed(String keyName) implements GuardDecision {}

  /** The request is answered with {@code response} and these extra headers. */
  record Refused(ApiResponse response, Map<String, String> headers) implements GuardDecision {}
}
