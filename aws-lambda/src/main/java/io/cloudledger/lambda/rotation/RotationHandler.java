package io.cloudledger.lambda.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.aws.secrets.IamAccessKeyTarget;
import io.cloudledger.aws.secrets.SecretsManagerRotations;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.rotation.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The rotation function Secrets Manager invokes four times per rotation: each event runs one step
 * of the core {@code Rotation} for the secret, whose tags choose the target. A failed step throws,
 * so Secrets Manager marks the rotation failed and retries it; every step is idempotent. Logs one
 * JSON line per step with the request id, never a value.
 */
public final class RotationHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretsManagerRotations rotations;

  /** For the Lambda runtime: clients from the function's environment (region, role). */
  public RotationHandler() {
    this(defaultRotations());
  }

  RotationHandler(SecretsManagerRotations rotations) {
    this.rotations = rotations;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    RotationEvent event = RotationEvent.read(input);
    ObjectNode log =
        JSON.createObjectNode()
            .put("requestId", context == null ? "" : context.getAwsRequestId())
            .put("secretId", event.secretId())
            .put("step", event.step())
            .put("token", event.clientRequestToken());
    try {
      StepResult result =
          rotations
              .forSecret(event.secretId())
              .step(event.rotationStep(), event.secretId(), event.clientRequestToken());
      log.put("changed", result.changed()).put("detail", result.detail());
      emit(context, log);
    } catch (CloudledgerException e) {
      log.put("error", e.reason()).put("detail", e.getMessage());
      emit(context, log);
      throw e;
    }
  }

  private static void emit(Context context, ObjectNode line) {
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line.toString());
    }
  }

  private static SecretsManagerRotations defaultRotations() {
    // One HTTP client for the container's lifetime; region and AWS_ENDPOINT_URL come from the
    // Lambda environment, which the SDK reads itself.
    SdkHttpClient http = UrlConnectionHttpClient.create();
    SecretsManagerClient secretsManager = SecretsManagerClient.builder().httpClient(http).build();
    return new SecretsManagerRotations(
        secretsManager,
        (session, grace) ->
            new IamAccessKeyTarget(
                signer ->
                    IamClient.builder()
                        .region(Region.AWS_GLOBAL)
                        .httpClient(http)
                        .credentialsProvider(signer)
                        .build(),
                signer -> StsClient.builder().httpClient(http).credentialsProvider(signer).build(),
                Clock.systemUTC(),
                grace));
  }
}
