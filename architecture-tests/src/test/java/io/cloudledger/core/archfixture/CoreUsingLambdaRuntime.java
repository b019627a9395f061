package io.cloudledger.core.archfixture;

import com.amazonaws.services.lambda.runtime.Context;

/** Breaks the rule: core must not know a function runtime. */
public class CoreUsingLambdaRuntime {
  public String requestId(Context context) {
    return context.getAwsRequestId();
  }
}
