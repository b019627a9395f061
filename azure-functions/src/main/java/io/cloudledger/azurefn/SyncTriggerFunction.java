package io.cloudledger.azurefn;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.SyncApi;
import java.util.Optional;

/**
 * The HTTP trigger: {@code POST /api/sync} and {@code GET /api/sync/{requestId}} through the core's
 * {@link SyncApi}. The host checks the function key ({@code authLevel FUNCTION}); with {@code
 * CLOUDLEDGER_REQUIRE_ENTRA_AUTH}, a call App Service Authentication did not sign in is refused.
 */
public final class SyncTriggerFunction {
  private final Components components;

  public SyncTriggerFunction() {
    this(Instances.components());
  }

  SyncTriggerFunction(Components components) {
    this.components = components;
  }

  @FunctionName("syncRequest")
  public HttpResponseMessage request(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.POST},
              route = "sync",
              authLevel = AuthorizationLevel.FUNCTION)
          HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return answer(request, "/sync");
  }

  @FunctionName("syncStatus")
  public HttpResponseMessage status(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.GET},
              route = "sync/{requestId}",
              authLevel = AuthorizationLevel.FUNCTION)
          HttpRequestMessage<Optional<String>> request,
      @BindingName("requestId") String requestId,
      ExecutionContext context) {
    return answer(request, "/sync/" + requestId);
  }

  private HttpResponseMessage answer(HttpRequestMessage<Optional<String>> request, String path) {
    ApiResponse response =
        components.settings().requireEntraAuth() && !EntraPrincipal.signedIn(request.getHeaders())
            ? SyncApi.error(403, "forbidden", "the call was not signed in with Entra ID")
            : components
                .api()
                .handle(request.getHttpMethod().name(), path, request.getBody().orElse(null));
    return request
        .createResponseBuilder(HttpStatusType.custom(response.status()))
        .header("Content-Type", "application/json")
        .body(response.body())
        .build();
  }
}
