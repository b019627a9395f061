package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cloudledger.core.dispatch.AcceptedRequest;
import java.time.Instant;
import java.util.Map;

/**
 * The schedule (EventBridge {@code ScheduledEvent}): fans out one sync request per account. A
 * redelivered event carries the same time, so it produces the same request ids.
 */
public final class FanOutHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
  private final Components components;
  private final SnapStartPriming priming;

  public FanOutHandler() {
    this(Components.fromEnvironment(System.getenv()));
  }

  FanOutHandler(Components components) {
    this.components = components;
    this.priming = SnapStartPriming.register(components::prime);
  }

  @Override
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    Instant tick =
        event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
    AcceptedRequest accepted =
        components.fanOut().scheduled(tick, components.settings().scheduleKinds());
    return Map.of("requestId", accepted.requestId(), "accounts", accepted.accounts().size());
  }
}
