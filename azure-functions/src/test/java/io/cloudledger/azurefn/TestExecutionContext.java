package io.cloudledger.azurefn;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/** The invocation context the Java worker passes: a function name, an invocation id, a logger. */
public record TestExecutionContext(String functionName, String invocationId)
    implements ExecutionContext {

  public static TestExecutionContext of(String functionName) {
    return new TestExecutionContext(functionName, UUID.randomUUID().toString());
  }

  @Override
  public Logger getLogger() {
    return Logger.getLogger("Function." + functionName);
  }

  @Override
  public String getInvocationId() {
    return invocationId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }
}
