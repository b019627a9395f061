package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.SyncApi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP trigger (API Gateway HTTP API, payload 2.0): {@code POST /sync} and {@code GET
 * /sync/{requestId}} through the core's {@link SyncApi}. Auth is IAM on the HTTP API; when
 * required, a call without an IAM identity in its request context is refused here too.
 */
public final class SyncTriggerHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final Components components;
  private final SnapStartPriming priming;

  public SyncTriggerHandler() {
    this(Components.fromEnvironment(System.getenv()));
  }

  SyncTriggerHandler(Components components) {
    this.components = components;
    this.priming = SnapStartPriming.register(components::prime);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    HttpCall call = HttpCall.of(event);
    ApiResponse response =
        components.settings().requireIamAuth() && !call.iamAuthenticated()
            ? SyncApi.error(403, "forbidden", "the call was not authenticated with IAM")
            : components.api().handle(call.method(), call.path(), call.body());
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(response.body())
        .build();
  }

  /** The parts of an HTTP API event the trigger uses. */
  record HttpCall(String method, String path, String body, boolean iamAuthenticated) {

    static HttpCall of(APIGatewayV2HTTPEvent event) {
      var context = event.getRequestContext();
      String method =
          context != null && context.getHttp() != null ? context.getHttp().getMethod() : "";
      String path = event.getRawPath() == null ? "" : event.getRawPath();
      // A named stage prefixes the raw path (/prod/sync); the $default stage does not.
      String stage = context == null || context.getStage() == null ? "" : context.getStage();
      if (!stage.isEmpty() && !stage.equals("$default") && path.startsWith("/" + stage + "/")) {
        path = path.substring(stage.length() + 1);
      }
      String body = event.getBody();
      if (body != null && event.getIsBase64Encoded()) {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      }
      boolean iam =
          context != null
              && context.getAuthorizer() != null
              && context.getAuthorizer().getIam() != null
              && context.getAuthorizer().getIam().getUserArn() != null;
      return new HttpCall(method, path, body, iam);
    }
  }
}
