package io.cloudledger.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API of a deployment: {@code POST /sync} and {@code GET /sync/{requestId}}, both signed
 * with SigV4 (IAM authorization), throttled, and access-logged.
 */
public final class SyncHttpApi extends Construct {

  /**
   * What the API needs.
   *
   * @param rateLimit steady requests per second across the API
   * @param burstLimit requests allowed in a burst
   */
  public record Props(
      IFunction trigger, int rateLimit, int burstLimit, RetentionDays logRetention) {}

  private final HttpApi api;
  private final HttpStage stage;

  public SyncHttpApi(Construct scope, String id, Props props) {
    super(scope, id);
    this.api =
        HttpApi.Builder.create(this, "Api")
            .apiName("cloudledger")
            .description("cloudledger: start a sync, read its status")
            // Our own stage below carries throttling and access logs.
            .createDefaultStage(false)
            .defaultAuthorizer(new HttpIamAuthorizer())
            .build();
    HttpLambdaIntegration integration =
        new HttpLambdaIntegration("TriggerIntegration", props.trigger());
    api.addRoutes(
        AddRoutesOptions.builder()
            .path("/sync")
            .methods(List.of(HttpMethod.POST))
            .integration(integration)
            .build());
    api.addRoutes(
        AddRoutesOptions.builder()
            .path("/sync/{requestId}")
            .methods(List.of(HttpMethod.GET))
            .integration(integration)
            .build());
    // Each account's last complete sync, overdue and stale flags.
    api.addRoutes(
        AddRoutesOptions.builder()
            .path("/accounts")
            .methods(List.of(HttpMethod.GET))
            .integration(integration)
            .build());
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
    this.stage =
        HttpStage.Builder.create(this, "Stage")
            .httpApi(api)
            .stageName("$default")
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(props.rateLimit())
                    .burstLimit(props.burstLimit())
                    .build())
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public IAccessLogDestination getDestination() {
                    return destination;
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.jsonWithStandardFields();
                  }
                })
            .build();
  }

  public HttpApi api() {
    return api;
  }

  public HttpStage stage() {
    return stage;
  }
}
