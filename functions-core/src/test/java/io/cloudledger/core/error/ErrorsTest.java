package io.cloudledger.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void retryable_carriesReasonAndOptionalRetryAfter() {
    RetryableException plain = new RetryableException("throttled", "DescribeInstances throttled");
    RetryableException told =
        new RetryableException("throttled", "429", null, Duration.ofSeconds(7));

    assertThat(plain.reason()).isEqualTo("throttled");
    assertThat(plain.retryAfter()).isEmpty();
    assertThat(told.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void permanent_keepsItsCause() {
    IllegalStateException cause = new IllegalStateException("AccessDenied");

    PermanentException error = new PermanentException("access-denied", "cannot assume role", cause);

    assertThat(error).hasCause(cause).hasMessage("cannot assume role");
    assertThat(error.reason()).isEqualTo("access-denied");
  }

  @Test
  void create_withoutReason_isRejected() {
    assertThatThrownBy(() -> new PermanentException(" ", "message"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an error reason must not be blank");
  }

  @Test
  void bothKinds_areCloudledgerExceptions_soAdaptersCanMapThemInOnePlace() {
    CloudledgerException error = new RetryableException("x", "y");

    String mapped =
        switch (error) {
          case RetryableException retryable -> "retry";
          case PermanentException permanent -> "dead-letter";
        };

    assertThat(mapped).isEqualTo("retry");
  }
}
