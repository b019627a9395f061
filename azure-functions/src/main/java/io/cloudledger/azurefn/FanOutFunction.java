package io.cloudledger.azurefn;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.cloudledger.core.dispatch.AcceptedRequest;
import io.cloudledger.core.dispatch.SyncKind;
import java.util.Set;

/**
 * The schedules (timer triggers): fan out one sync request per Azure subscription onto the sync
 * queue. {@code fanOut} runs on {@code CLOUDLEDGER_SCHEDULE} (every 10 minutes, the kinds of {@code
 * CLOUDLEDGER_SCHEDULE_KINDS}); {@code costFanOut} runs kind {@code cost} on {@code
 * CLOUDLEDGER_COST_SCHEDULE} (daily: Cost Management revises a day at most a few times and its
 * query limits are tight). The request id is the scheduled occurrence's minute ({@link TimerTick})
 * and the kinds, so an occurrence run twice produces the same requests, which the workers skip.
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
    fanOut(timerInfo, components.settings().scheduleKinds(), context);
  }

  @FunctionName("costFanOut")
  public void runCost(
      @TimerTrigger(name = "timer", schedule = "%" + FunctionSettings.COST_SCHEDULE + "%")
          String timerInfo,
      ExecutionContext context) {
    fanOut(timerInfo, Set.of(SyncKind.COST), context);
  }

  private void fanOut(String timerInfo, Set<SyncKind> kinds, ExecutionContext context) {
    AcceptedRequest accepted =
        components.fanOut().scheduled(TimerTick.of(timerInfo, components.clock()), kinds);
    context
        .getLogger()
        .info("fanned out " + accepted.requestId() + " to " + accepted.accounts().size());
  }
}
