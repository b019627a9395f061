package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps SDK failures to the core's two kinds, once for every DynamoDB call of this package. Messages
 * name the operation, the table and the error code only: DynamoDB's own validation messages can
 * quote attribute values, so those are neither copied nor chained.
 */
final class DynamoDbErrors {
  private DynamoDbErrors() {}

  private static final Set<String> THROTTLING =
      Set.of(
          "ProvisionedThroughputExceededException",
          "RequestLimitExceeded",
          "ThrottlingException",
          "TransactionConflictException");
  private static final Set<String> ACCESS =
      Set.of(
          "AccessDeniedException",
          "UnrecognizedClientException",
          "MissingAuthenticationTokenException",
          "InvalidSignatureException",
          "ExpiredTokenException");

  static CloudledgerException map(String operation, String table, SdkException error) {
    if (error instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
              ? "unknown"
              : service.awsErrorDetails().errorCode();
      int status = service.statusCode();
      String message = describe(operation, table) + ": " + code + " (HTTP " + status + ")";
      if (service.isThrottlingException() || THROTTLING.contains(code)) {
        return new RetryableException("throttled", message, error);
      }
      if (status >= 500) {
        return new RetryableException("unavailable", message, error);
      }
      if (code.equals("ResourceNotFoundException")) {
        return new PermanentException("table-missing", message, error);
      }
      if (status == 403 || ACCESS.contains(code)) {
        return new PermanentException("access-denied", message, error);
      }
      return new PermanentException("invalid-request", message);
    }
    if (error instanceof SdkClientException) {
      return new RetryableException(
          "unavailable",
          describe(operation, table) + ": " + error.getClass().getSimpleName(),
          error);
    }
    return error.retryable()
        ? new RetryableException("unavailable", describe(operation, table), error)
        : new PermanentException("sdk-error", describe(operation, table));
  }

  private static String describe(String operation, String table) {
    return "DynamoDB " + operation + " on table " + table + " failed";
  }
}
