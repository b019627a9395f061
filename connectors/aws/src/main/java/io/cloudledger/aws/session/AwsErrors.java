package io.cloudledger.aws.session;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Maps AWS SDK failures to the core's {@link RetryableException} and {@link PermanentException}, by
 * error code and by HTTP status: some answers reach the SDK without their body (a 401 to a POST
 * over {@code url-connection-client} has no error code).
 */
public final class AwsErrors {

  /** Codes that retrying will not fix: the caller lacks a permission or the region is off. */
  static final Set<String> PERMANENT_CODES =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "OptInRequired",
          "AuthFailure",
          "InvalidClientTokenId",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "UnrecognizedClientException",
          "AccountProblem",
          "AllAccessDisabled");

  /** Throttling codes the SDK may not classify itself (it knows most of them). */
  static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "SlowDown",
          "TooManyRequestsException",
          "RequestThrottled",
          "RequestThrottledException",
          // Cost Explorer's answer to too many requests per second.
          "LimitExceededException");

  /** Codes of temporary credentials that ran out: new credentials will fix it. */
  static final Set<String> EXPIRED_CODES = Set.of("ExpiredToken", "ExpiredTokenException");

  private AwsErrors() {}

  /**
   * The core failure for {@code error}, raised by {@code operation} at {@code where} (e.g. {@code
   * aws#123456789012/eu-west-1}); the message names both and the service's own message, never a
   * credential.
   */
  public static CloudledgerException map(SdkException error, String operation, String where) {
    String prefix = operation + " in " + where + " failed";
    return switch (error) {
      case SdkServiceException service -> mapService(service, prefix);
      case ApiCallTimeoutException timeout ->
          new RetryableException("timeout", prefix + ": the call timed out", timeout);
      case ApiCallAttemptTimeoutException timeout ->
          new RetryableException("timeout", prefix + ": an attempt timed out", timeout);
      case SdkClientException client -> mapClient(client, prefix);
      default -> new RetryableException("sdk-error", prefix + ": " + error.getMessage(), error);
    };
  }

  /**
   * The core failure for any exception thrown while calling AWS: the first {@link SdkException} in
   * its cause chain is mapped (credential providers wrap the STS error), anything else is returned
   * as it is for the caller to rethrow.
   */
  public static RuntimeException mapAny(RuntimeException error, String operation, String where) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      // Raised inside the SDK's pipeline by our own interceptors (the rate budget): already mapped.
      if (cause instanceof CloudledgerException mapped) {
        return mapped;
      }
      if (cause instanceof SdkServiceException service) {
        return map(service, operation, where);
      }
    }
    return error instanceof SdkException sdk ? map(sdk, operation, where) : error;
  }

  /**
   * Like {@link #mapAny}, for a credential provider's failure: a service answer (e.g. STS denying
   * the role) or an I/O failure maps as usual, while credentials that cannot be found at all (no
   * such profile, an empty default chain) are permanent: retrying will not make them appear.
   */
  public static RuntimeException mapCredentialFailure(
      RuntimeException error, String operation, String where) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SdkServiceException || cause instanceof IOException) {
        return mapAny(error, operation, where);
      }
    }
    if (error instanceof SdkClientException) {
      return new PermanentException(
          "credentials-unavailable",
          operation + " in " + where + " failed: " + error.getMessage(),
          error);
    }
    return mapAny(error, operation, where);
  }

  private static CloudledgerException mapService(SdkServiceException error, String prefix) {
    int status = error.statusCode();
    String code = errorCode(error);
    String serviceMessage = serviceMessage(error);
    String message =
        prefix
            + ": "
            + (code.isEmpty() ? "HTTP " + status : code + " (HTTP " + status + ")")
            + (serviceMessage.isEmpty() ? "" : " " + serviceMessage);
    if (error.isThrottlingException() || THROTTLING_CODES.contains(code) || status == 429) {
      return new RetryableException(code.isEmpty() ? "Throttling" : code, message, error);
    }
    if (EXPIRED_CODES.contains(code)) {
      return new RetryableException(code, message, error);
    }
    if (PERMANENT_CODES.contains(code)) {
      return new PermanentException(code, message, error);
    }
    if (status == 401) {
      // EC2 answers AuthFailure with 401; its body may not reach the SDK.
      return new PermanentException(code.isEmpty() ? "AuthFailure" : code, message, error);
    }
    if (status == 403) {
      return new PermanentException(code.isEmpty() ? "AccessDenied" : code, message, error);
    }
    if (status >= 500 || status == 0) {
      return new RetryableException(code.isEmpty() ? "HTTP" + status : code, message, error);
    }
    // Any other 4xx is a request the service will refuse again the same way.
    return new PermanentException(code.isEmpty() ? "HTTP" + status : code, message, error);
  }

  private static CloudledgerException mapClient(SdkClientException error, String prefix) {
    if (error.getCause() instanceof CloudledgerException mapped) {
      return mapped; // our own interceptor's failure (the rate budget), wrapped by the SDK
    }
    String detail = error.getMessage() == null ? "" : ": " + error.getMessage();
    return new RetryableException("connection-failed", prefix + detail, error);
  }

  private static String errorCode(SdkServiceException error) {
    if (error instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static String serviceMessage(SdkServiceException error) {
    if (error instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorMessage() != null) {
      return aws.awsErrorDetails().errorMessage();
    }
    return "";
  }
}
