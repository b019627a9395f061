package io.cloudledger.aws.session;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the HTTP requests a session's clients send, retries included, so a listing can report how
 * many API calls it cost.
 */
public final class ApiCallCounter implements ExecutionInterceptor {
  private final LongAdder requests = new LongAdder();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
    requests.increment();
  }

  /** Requests sent so far. */
  public long count() {
    return requests.sum();
  }
}
