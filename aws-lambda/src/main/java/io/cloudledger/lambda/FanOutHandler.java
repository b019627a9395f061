package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cloudledger.core.dispatch.AcceptedRequest;
import io.cloudledger.core.dispatch.SyncKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule (EventBridge {@code ScheduledEvent}): fans out one sync request per account. A
 * redelivered event carries the same time, so it produces the same request ids.
 */
public final class FanOutHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
  private static final Logger LOG = LoggerFactory.getLogger(FanOutHandler.class);
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
        components
            .fanOut()
            .scheduled(tick, kindsOf(event).orElse(components.settings().scheduleKinds()));
    emitFreshness(accepted);
    return Map.of("requestId", accepted.requestId(), "accounts", accepted.accounts().size());
  }

  /**
   * Prints the freshness of the accounts just fanned out as an EMF line for the "accounts not
   * synced" alarm. A failure here must not fail the fan-out, which already sent its requests.
   */
  private void emitFreshness(AcceptedRequest accepted) {
    try {
      System.out.println(FreshnessMetrics.emf(components.freshness().of(accepted.accounts())));
    } catch (RuntimeException e) {
      LOG.warn("freshness metrics not emitted: {}", e.getMessage());
    }
  }

  /**
   * The kinds a rule names in its event's {@code detail.kinds} (the daily cost schedule sends
   * {@code ["cost"]}); without them the function's {@code CLOUDLEDGER_SCHEDULE_KINDS} apply.
   */
  static Optional<Set<SyncKind>> kindsOf(ScheduledEvent event) {
    Object kinds = event.getDetail() == null ? null : event.getDetail().get("kinds");
    if (!(kinds instanceof List<?> list) || list.isEmpty()) {
      return Optional.empty();
    }
    Set<SyncKind> parsed = EnumSet.noneOf(SyncKind.class);
    for (Object kind : list) {
      parsed.add(SyncKind.fromKey(String.valueOf(kind)));
    }
    return Optional.of(parsed);
  }
}
