package io.cloudledger.azurefn;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.cloudledger.core.dispatch.AcceptedRequest;

/**
 * The schedule (timer trigger, NCRONTAB from the app setting {@code CLOUDLEDGER_SCHEDULE}): fans
 * out one sync request per Azure subscription onto the sync queue. The request id is the scheduled
 * occurrence's minute ({@link TimerTick}), so an occurrence run twice produces the same requests,
 * which the workers skip.
 */
public final class FanOutFunction {
  private final Components components;

  public FanOutFunction() {
    this(Instances.components());
  }

  FanOutFunction(Components components) {
    this.components = components;
  }

  @FunctionName("fanOut")
  public void run(
      @TimerTrigger(name = "timer", schedule = "%" + FunctionSettings.SCHEDULE + "%")
          String timerInfo,
      ExecutionContext context) {
    AcceptedRequest accepted =
        components
            .fanOut()
            .scheduled(
                TimerTick.of(timerInfo, components.clock()), components.settings().scheduleKinds());
    context
        .getLogger()
        .info("fanned out " + accepted.requestId() + " to " + accepted.accounts().size());
  }
}
