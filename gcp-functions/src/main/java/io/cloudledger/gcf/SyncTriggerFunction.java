package io.cloudledger.gcf;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.cloudledger.core.dispatch.SyncApi;
import java.io.IOException;

/**
 * The HTTP trigger: {@code POST /sync} and {@code GET /sync/{requestId}} through the core's {@link
 * SyncApi} (202/200/400/404/405/503, JSON bodies). Authentication is Cloud Functions' IAM invoker
 * check, done by Google's front end before a request reaches this code: deploy it without {@code
 * --allow-unauthenticated} and grant {@code roles/run.invoker} to the callers.
 */
public final class SyncTriggerFunction implements HttpFunction {
  private final SyncApi api;

  public SyncTriggerFunction() {
    this(Components.fromEnvironment(System.getenv()));
  }

  SyncTriggerFunction(Components components) {
    this.api = components.api();
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    HttpAnswer.write(
        response, api.handle(request.getMethod(), request.getPath(), HttpAnswer.body(request)));
  }
}
