package io.cloudledger.gcf;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.cloudevents.CloudEvent;
import java.io.IOException;

/**
 * The invoker builds a function with its no-arg constructor, which reads the process environment;
 * tests cannot set that, so these targets hand the function classes the test's wiring through their
 * second constructor and delegate every call to them unchanged.
 */
final class Wired {
  static volatile Components components;

  private Wired() {}

  /** {@link SyncWorkerFunction} on the test's components. */
  public static final class Worker implements CloudEventsFunction {
    private final SyncWorkerFunction function = new SyncWorkerFunction(components);

    @Override
    public void accept(CloudEvent event) throws Exception {
      function.accept(event);
    }
  }

  /** {@link SyncTriggerFunction} on the test's components. */
  public static final class Trigger implements HttpFunction {
    private final SyncTriggerFunction function = new SyncTriggerFunction(components);

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
      function.service(request, response);
    }
  }

  /** {@link FanOutFunction} on the test's components. */
  public static final class Schedule implements HttpFunction {
    private final FanOutFunction function = new FanOutFunction(components);

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
      function.service(request, response);
    }
  }
}
