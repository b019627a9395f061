package io.cloudledger.azure.session;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Maps Azure SDK failures to the core's retryable or permanent errors, once, naming the operation
 * and where it ran ({@code azure#<subscription>}). Messages carry ARM's error code and message,
 * which never contain a secret.
 */
public final class AzureErrors {
  private AzureErrors() {}

  /** Maps any failure of {@code operation} on {@code target}; core errors pass unchanged. */
  public static CloudledgerException map(RuntimeException e, String operation, String target) {
    if (e instanceof CloudledgerException core) {
      return core;
    }
    if (hasCause(e, IOException.class) || hasCause(e, TimeoutException.class)) {
      return new RetryableException(
          "unreachable",
          operation + " on " + target + " could not reach Azure: " + firstLine(e),
          e);
    }
    Throwable refusal = signInRefusal(e);
    if (refusal != null) {
      // Raised by the credential: the token endpoint refused the principal.
      return new PermanentException(
          "authentication-failed",
          operation + " on " + target + ": Azure AD refused the credential: " + firstLine(refusal),
          e);
    }
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      return fromResponse(http, operation, target);
    }
    if (e instanceof ClientAuthenticationException auth) {
      return new PermanentException(
          "authentication-failed", operation + " on " + target + ": " + firstLine(auth), e);
    }
    return new PermanentException(
        "azure-error", operation + " on " + target + " failed: " + firstLine(e), e);
  }

  private static CloudledgerException fromResponse(
      HttpResponseException e, String operation, String target) {
    HttpResponse response = e.getResponse();
    int status = response.getStatusCode();
    String code = errorCode(e);
    String message =
        operation
            + " on "
            + target
            + " answered HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + ": "
            + errorMessage(e);
    if (status == 429) {
      return new RetryableException("throttled", message, e, retryAfter(response));
    }
    if (status == 408 || status >= 500) {
      return new RetryableException("server-error", message, e, retryAfter(response));
    }
    if (status == 401) {
      return new PermanentException("authentication-failed", message, e);
    }
    if (status == 403) {
      return new PermanentException("access-denied", message, e);
    }
    if (status == 404) {
      return new PermanentException("not-found", message, e);
    }
    return new PermanentException("invalid-request", message, e);
  }

  static String errorCode(HttpResponseException e) {
    if (e instanceof ManagementException management
        && management.getValue() != null
        && management.getValue().getCode() != null) {
      return management.getValue().getCode();
    }
    return "";
  }

  private static String errorMessage(HttpResponseException e) {
    if (e instanceof ManagementException management
        && management.getValue() != null
        && management.getValue().getMessage() != null) {
      return management.getValue().getMessage();
    }
    return firstLine(e);
  }

  private static Duration retryAfter(HttpResponse response) {
    String header = response.getHeaderValue("Retry-After");
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException notSeconds) {
      return null; // an HTTP date; the SDK's retry policy already honored it
    }
  }

  /**
   * The credential's own failure, if {@code e} is one: the SDK's {@link
   * ClientAuthenticationException} without an ARM response, or MSAL's service exception (which the
   * synchronous token path wraps in plain runtime exceptions).
   */
  private static Throwable signInRefusal(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientAuthenticationException auth && auth.getResponse() == null) {
        return auth;
      }
      if (cause.getClass().getName().equals("com.microsoft.aad.msal4j.MsalServiceException")) {
        return cause;
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause) || cause instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
