package io.cloudledger.azure.secrets;

import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import io.cloudledger.azure.session.AzureClientSettings;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The SDK's exponential backoff for data-plane clients (Key Vault, Graph), except that a request
 * that failed without a response is retried only for a network failure. The default retries every
 * exception, and a refused sign-in (wrong client secret, which the token policy throws before
 * anything is sent) is not transient: four tries of it took 20 s in a {@code secrets health}.
 */
final class NetworkOnlyRetry extends ExponentialBackoff {

  NetworkOnlyRetry(AzureClientSettings settings) {
    super(settings.maxRetries(), settings.baseDelay(), settings.maxDelay());
  }

  @Override
  public boolean shouldRetryCondition(RequestRetryCondition condition) {
    Throwable failure = condition.getThrowable();
    if (failure != null && !isNetworkFailure(failure)) {
      return false;
    }
    return super.shouldRetryCondition(condition);
  }

  private static boolean isNetworkFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
