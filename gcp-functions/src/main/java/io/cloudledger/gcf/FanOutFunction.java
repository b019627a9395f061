package io.cloudledger.gcf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.cloudledger.core.dispatch.AcceptedRequest;
import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.SyncApi;
import io.cloudledger.core.dispatch.SyncKind;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The schedules: Cloud Scheduler's HTTP target (with an OIDC token, checked by the IAM invoker)
 * fans out one sync request per project, of the kinds in the query parameter {@code kinds} (e.g.
 * {@code ?kinds=cost} from the daily cost job), else of {@code CLOUDLEDGER_SCHEDULE_KINDS}. The
 * kinds are part of the request id, so the inventory and cost jobs never collide. Cloud Scheduler
 * sends the tick as {@code X-CloudScheduler-ScheduleTime} and keeps it on its retries, so a retried
 * tick has the same request id and the workers' idempotency skips it; a failed fan-out answers 5xx,
 * which Cloud Scheduler retries by the job's retry config.
 */
public final class FanOutFunction implements HttpFunction {
  static final String SCHEDULE_TIME = "X-CloudScheduler-ScheduleTime";
  static final String KINDS = "kinds";
  private final Components components;

  public FanOutFunction() {
    this(Components.fromEnvironment(System.getenv()));
  }

  FanOutFunction(Components components) {
    this.components = components;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Instant tick;
    Set<SyncKind> kinds;
    try {
      tick = request.getFirstHeader(SCHEDULE_TIME).map(Instant::parse).orElseGet(Instant::now);
    } catch (DateTimeParseException e) {
      HttpAnswer.write(
          response, SyncApi.error(400, "bad-request", SCHEDULE_TIME + " is not a time"));
      return;
    }
    try {
      kinds =
          request
              .getFirstQueryParameter(KINDS)
              .map(list -> GcfSettings.kinds(list, "query parameter " + KINDS))
              .orElse(components.settings().scheduleKinds());
    } catch (IllegalArgumentException e) {
      HttpAnswer.write(response, SyncApi.error(400, "bad-request", e.getMessage()));
      return;
    }
    AcceptedRequest accepted = components.fanOut().scheduled(tick, kinds);
    var body = JsonNodeFactory.instance.objectNode().put("requestId", accepted.requestId());
    body.put("accounts", accepted.accounts().size());
    HttpAnswer.write(response, new ApiResponse(200, body.toString()));
  }
}
