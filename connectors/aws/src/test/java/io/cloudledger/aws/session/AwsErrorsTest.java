package io.cloudledger.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

class AwsErrorsTest {
  private static final String WHERE = "aws#123456789012/eu-west-1";

  private static Ec2Exception ec2(int status, String code) {
    return (Ec2Exception)
        Ec2Exception.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(code == null ? null : "the service says " + code)
                    .build())
            .build();
  }

  @ParameterizedTest
  @CsvSource({
    "403, UnauthorizedOperation",
    "403, AccessDenied",
    "403, OptInRequired",
    "401, AuthFailure",
    "403, InvalidClientTokenId",
    "400, InvalidParameterValue"
  })
  void map_permanentCodes_arePermanentWithTheCodeAsReason(int status, String code) {
    CloudledgerException mapped = AwsErrors.map(ec2(status, code), "DescribeInstances", WHERE);

    assertThat(mapped).isInstanceOf(PermanentException.class);
    assertThat(mapped.reason()).isEqualTo(code);
    assertThat(mapped.getMessage())
        .contains("DescribeInstances", WHERE, code, "HTTP " + status)
        .contains("the service says " + code);
  }

  @ParameterizedTest
  @CsvSource({"401, AuthFailure", "403, AccessDenied"})
  void map_withoutErrorCode_classifiesByStatus(int status, String reason) {
    CloudledgerException mapped = AwsErrors.map(ec2(status, null), "DescribeInstances", WHERE);

    assertThat(mapped).isInstanceOf(PermanentException.class);
    assertThat(mapped.reason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "503, RequestLimitExceeded",
    "400, Throttling",
    "503, SlowDown",
    "500, InternalError",
    "503, Unavailable",
    "400, ExpiredToken"
  })
  void map_throttlingServerErrorsAndExpiredTokens_areRetryable(int status, String code) {
    CloudledgerException mapped = AwsErrors.map(ec2(status, code), "DescribeVpcs", WHERE);

    assertThat(mapped).isInstanceOf(RetryableException.class);
    assertThat(mapped.reason()).isEqualTo(code);
  }

  @Test
  void map_serverErrorWithoutCode_isRetryable() {
    assertThat(AwsErrors.map(ec2(502, null), "DescribeVpcs", WHERE))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void map_s3AndStsErrors_useTheirCodes() {
    S3Exception s3 =
        (S3Exception)
            S3Exception.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build())
                .build();
    StsException sts =
        (StsException)
            StsException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build())
                .build();

    assertThat(AwsErrors.map(s3, "ListBuckets", WHERE).reason()).isEqualTo("AccessDenied");
    assertThat(AwsErrors.map(sts, "AssumeRole", WHERE)).isInstanceOf(RetryableException.class);
  }

  @Test
  void map_connectionFailuresAndTimeouts_areRetryable() {
    SdkClientException refused =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new ConnectException("Connection refused"))
            .build();
    ApiCallTimeoutException timeout = ApiCallTimeoutException.create(1000);

    assertThat(AwsErrors.map(refused, "DescribeRegions", WHERE))
        .isInstanceOf(RetryableException.class)
        .satisfies(e -> assertThat(e.reason()).isEqualTo("connection-failed"));
    assertThat(AwsErrors.map(timeout, "DescribeRegions", WHERE))
        .isInstanceOf(RetryableException.class)
        .satisfies(e -> assertThat(e.reason()).isEqualTo("timeout"));
  }

  @Test
  void mapAny_findsTheServiceErrorACredentialProviderWrapped() {
    RuntimeException wrapped =
        SdkClientException.builder()
            .message("Unable to load credentials")
            .cause(
                StsException.builder()
                    .statusCode(403)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build())
                    .build())
            .build();

    RuntimeException mapped = AwsErrors.mapAny(wrapped, "AssumeRole", "session prod");

    assertThat(mapped).isInstanceOf(PermanentException.class);
    assertThat(((PermanentException) mapped).reason()).isEqualTo("AccessDenied");
  }

  @Test
  void mapAny_leavesOtherExceptionsAlone() {
    IllegalStateException bug = new IllegalStateException("bug");

    assertThat(AwsErrors.mapAny(bug, "AssumeRole", "session prod")).isSameAs(bug);
  }
}
