package io.cloudledger.gcp.session;

import com.google.api.gax.httpjson.HttpJsonStatusCode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Maps Compute client failures to the core's errors, once. Messages name the operation and where
 * (project, scope) and the error reason, never a credential.
 */
public final class GcpErrors {
  /** Reasons of a 403 that mean "slow down", not "not allowed". */
  private static final List<String> RATE_LIMIT_REASONS =
      List.of("rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED");

  private GcpErrors() {}

  /** Whether a retry may succeed: 429, 5xx, a 403 that is rate limiting, I/O failures. */
  public static boolean retryable(Throwable e) {
    if (e instanceof ApiException api) {
      int status = httpStatus(api);
      return status == 429
          || status >= 500
          || (status == 403 && rateLimited(api))
          || api.getStatusCode().getCode() == StatusCode.Code.UNAVAILABLE
          || api.getStatusCode().getCode() == StatusCode.Code.DEADLINE_EXCEEDED;
    }
    return hasCause(e, IOException.class);
  }

  /** The core error for a failure of {@code operation} on {@code where}. */
  public static CloudledgerException map(Throwable e, String operation, String where) {
    if (e instanceof CloudledgerException mapped) {
      return mapped;
    }
    String prefix = operation + " in " + where + " failed";
    if (e instanceof ApiException api) {
      int status = httpStatus(api);
      String code = api.getStatusCode().getCode().name();
      if (status == 403 && rateLimited(api)) {
        return new RetryableException(
            "rateLimitExceeded", prefix + ": 403 rateLimitExceeded after retries", e);
      }
      if (status == 429) {
        return new RetryableException("throttled", prefix + ": 429 " + code + " after retries", e);
      }
      if (status >= 500 || api.getStatusCode().getCode() == StatusCode.Code.UNAVAILABLE) {
        return new RetryableException("unavailable", prefix + ": " + status + " " + code, e);
      }
      if (api.getStatusCode().getCode() == StatusCode.Code.DEADLINE_EXCEEDED) {
        return new RetryableException("timeout", prefix + ": timed out", e);
      }
      if (status == 401 || api.getStatusCode().getCode() == StatusCode.Code.UNAUTHENTICATED) {
        return new PermanentException("unauthenticated", prefix + ": 401 UNAUTHENTICATED", e);
      }
      if (status == 403) {
        return new PermanentException("forbidden", prefix + ": 403 " + code, e);
      }
      if (status == 404) {
        return new PermanentException(
            "not-found", prefix + ": 404 project or resource not found", e);
      }
      return new PermanentException("invalid-request", prefix + ": " + status + " " + code, e);
    }
    if (hasCause(e, IOException.class)) {
      // Failing to fetch an access token surfaces as an IOException from the credentials.
      return new RetryableException(
          "connection-failed", prefix + ": " + e.getClass().getSimpleName(), e);
    }
    return new PermanentException("unexpected", prefix + ": " + e.getClass().getSimpleName(), e);
  }

  private static int httpStatus(ApiException api) {
    if (api.getStatusCode() instanceof HttpJsonStatusCode http) {
      return http.getTransportCode();
    }
    return switch (api.getStatusCode().getCode()) {
      case PERMISSION_DENIED -> 403;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAUTHENTICATED -> 401;
      case NOT_FOUND -> 404;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
      default -> 400;
    };
  }

  /**
   * Whether a 403 says "rate limit": the JSON error's {@code errors[].reason} (the client library
   * keeps it only in the message of the HTTP exception it wraps) or an ErrorInfo reason.
   */
  private static boolean rateLimited(ApiException api) {
    String reason = api.getReason();
    if (reason != null && RATE_LIMIT_REASONS.contains(reason)) {
      return true;
    }
    for (Throwable cause = api; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (String rateLimit : RATE_LIMIT_REASONS) {
          if (lower.contains(rateLimit.toLowerCase(Locale.ROOT))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
