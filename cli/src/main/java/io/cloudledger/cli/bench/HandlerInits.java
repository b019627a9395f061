package io.cloudledger.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Init time and first-event latency of the function handlers, in-process. The AWS handlers (issue
 * 6) are not on the CLI's classpath yet; each is reported as not available, by name, until a
 * deployable provides it, rather than with an invented figure.
 */
final class HandlerInits {
  static final List<String> AWS_HANDLERS =
      List.of(
          "io.cloudledger.lambda.FanOutHandler",
          "io.cloudledger.lambda.SyncWorkerHandler",
          "io.cloudledger.lambda.SyncTriggerHandler",
          "io.cloudledger.lambda.rotation.RotationHandler");

  private HandlerInits() {}

  static List<HandlerInit> measure() {
    List<HandlerInit> inits = new ArrayList<>();
    for (String handler : AWS_HANDLERS) {
      inits.add(
          present(handler)
              ? new HandlerInit(
                  handler,
                  false,
                  0,
                  0,
                  "on the classpath, but the bench has no in-process runner for it yet")
              : new HandlerInit(
                  handler,
                  false,
                  0,
                  0,
                  "not measured: the aws-lambda module is not on the CLI's classpath; see aws-lambda/README.md for init and first-invoke times under the Lambda runtime client"));
    }
    return inits;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, HandlerInits.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
