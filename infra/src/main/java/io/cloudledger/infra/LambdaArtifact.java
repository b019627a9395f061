package io.cloudledger.infra;

import java.util.List;

/**
 * The one place that names the Lambda jars and the handlers in them, with each function's sizing,
 * so a renamed jar or handler is a one-line change.
 */
public final class LambdaArtifact {
  private LambdaArtifact() {}

  /**
   * Where {@code aws-lambda} builds its shaded jars, relative to the {@code infra} directory (where
   * {@code cdk} and the tests run). Override with {@code -c lambdaJarDirectory=<path>}.
   */
  public static final String DEFAULT_JAR_DIRECTORY = "../aws-lambda/target";

  /**
   * The shaded jars of {@code aws-lambda}, one per function role (its Maven classifier): the same
   * handler classes, each with only the AWS SDK service modules that role calls (the module's
   * README lists them), so no function uploads or loads the EC2 models it never uses.
   */
  public enum Jar {
    /** The fan-out and the HTTP trigger: DynamoDB, SQS, STS, Organizations. */
    TRIGGER("trigger"),
    /** The sync worker: EC2, S3, Cost Explorer, DynamoDB, SQS, STS, Organizations. */
    WORKER("worker"),
    /** Secrets Manager's rotation function: Secrets Manager, IAM, STS. */
    ROTATION("rotation");

    private final String classifier;

    Jar(String classifier) {
      this.classifier = classifier;
    }

    /** The jar's file name in {@link #DEFAULT_JAR_DIRECTORY}. */
    public String fileName() {
      return "aws-lambda-0.1.0-SNAPSHOT-" + classifier + ".jar";
    }
  }

  /**
   * A function of the app and the jar it runs. Memory and timeout are starting points, not
   * measurements: a sync of one account pages several APIs per region, so the worker gets the most
   * room; the trigger answers an HTTP request and must finish well inside API Gateway's 30 s.
   */
  public record Function(String id, String handler, Jar jar, int memoryMb, int timeoutSeconds) {}

  public static final Function FAN_OUT =
      new Function(
          "FanOut", "io.cloudledger.lambda.FanOutHandler::handleRequest", Jar.TRIGGER, 512, 60);
  public static final Function SYNC_WORKER =
      new Function(
          "SyncWorker",
          "io.cloudledger.lambda.SyncWorkerHandler::handleRequest",
          Jar.WORKER,
          1024,
          300);
  public static final Function SYNC_TRIGGER =
      new Function(
          "SyncTrigger",
          "io.cloudledger.lambda.SyncTriggerHandler::handleRequest",
          Jar.TRIGGER,
          512,
          15);

  /**
   * Secrets Manager's rotation function: four short steps per rotation, each a few API calls.
   * Deployed by the Secrets stack, so it is not among {@link #all()}.
   */
  public static final Function ROTATION =
      new Function(
          "Rotation",
          "io.cloudledger.lambda.rotation.RotationHandler::handleRequest",
          Jar.ROTATION,
          512,
          60);

  /** Every function the Sync stack deploys. */
  public static List<Function> all() {
    return List.of(FAN_OUT, SYNC_WORKER, SYNC_TRIGGER);
  }
}
