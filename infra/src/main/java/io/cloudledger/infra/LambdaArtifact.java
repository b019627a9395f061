package io.cloudledger.infra;

import java.util.List;

/**
 * The one place that names the Lambda jar and the handlers in it, with each function's sizing, so a
 * renamed jar or handler is a one-line change.
 */
public final class LambdaArtifact {
  private LambdaArtifact() {}

  /**
   * The {@code aws-lambda} shaded jar (classifier {@code lambda}), relative to the {@code infra}
   * directory (where {@code cdk} and the tests run). Override with {@code -c lambdaJar=<path>}.
   */
  public static final String DEFAULT_JAR =
      "../aws-lambda/target/aws-lambda-0.1.0-SNAPSHOT-lambda.jar";

  /**
   * A function of the app. Memory and timeout are starting points, not measurements: a sync of one
   * account pages several APIs per region, so the worker gets the most room; the trigger answers an
   * HTTP request and must finish well inside API Gateway's 30 s.
   */
  public record Function(String id, String handler, int memoryMb, int timeoutSeconds) {}

  public static final Function FAN_OUT =
      new Function("FanOut", "io.cloudledger.lambda.FanOutHandler::handleRequest", 512, 60);
  public static final Function SYNC_WORKER =
      new Function(
          "SyncWorker", "io.cloudledger.lambda.SyncWorkerHandler::handleRequest", 1024, 300);
  public static final Function SYNC_TRIGGER =
      new Function(
          "SyncTrigger", "io.cloudledger.lambda.SyncTriggerHandler::handleRequest", 512, 15);

  /**
   * Secrets Manager's rotation function: four short steps per rotation, each a few API calls.
   * Deployed by the Secrets stack, so it is not among {@link #all()}.
   */
  public static final Function ROTATION =
      new Function(
          "Rotation", "io.cloudledger.lambda.rotation.RotationHandler::handleRequest", 512, 60);

  /** Every function the Sync stack deploys. */
  public static List<Function> all() {
    return List.of(FAN_OUT, SYNC_WORKER, SYNC_TRIGGER);
  }
}
