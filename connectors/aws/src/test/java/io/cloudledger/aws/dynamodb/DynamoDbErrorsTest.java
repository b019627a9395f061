package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class DynamoDbErrorsTest {

  private static DynamoDbException error(String code, int status, String message) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
            .build();
  }

  @Test
  void throttlingAndServerErrors_areRetryable() {
    CloudledgerException throttled =
        DynamoDbErrors.map(
            "BatchWriteItem",
            "t-inventory",
            ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException")
                        .build())
                .build());
    CloudledgerException unavailable =
        DynamoDbErrors.map("Query", "t-inventory", error("InternalServerError", 500, "oops"));
    CloudledgerException io =
        DynamoDbErrors.map("Query", "t-inventory", SdkClientException.create("connection reset"));

    assertThat(throttled).isInstanceOf(RetryableException.class);
    assertThat(throttled.reason()).isEqualTo("throttled");
    assertThat(unavailable).isInstanceOf(RetryableException.class);
    assertThat(unavailable.reason()).isEqualTo("unavailable");
    assertThat(io).isInstanceOf(RetryableException.class);
  }

  @Test
  void accessAndValidationErrors_arePermanent_andNeverQuoteTheServicesMessage() {
    CloudledgerException denied =
        DynamoDbErrors.map(
            "UpdateItem", "t-inventory", error("AccessDeniedException", 400, "no access"));
    CloudledgerException invalid =
        DynamoDbErrors.map(
            "BatchWriteItem",
            "t-inventory",
            error("ValidationException", 400, "Item value 'hunter2' is invalid"));

    assertThat(denied).isInstanceOf(PermanentException.class);
    assertThat(denied.reason()).isEqualTo("access-denied");
    assertThat(invalid).isInstanceOf(PermanentException.class);
    assertThat(invalid.reason()).isEqualTo("invalid-request");
    assertThat(invalid)
        .hasMessage(
            "DynamoDB BatchWriteItem on table t-inventory failed: ValidationException (HTTP 400)")
        .hasNoCause();
  }
}
