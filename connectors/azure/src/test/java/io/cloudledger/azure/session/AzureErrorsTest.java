package io.cloudledger.azure.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class AzureErrorsTest {

  @Test
  void map_429WithRetryAfter_isRetryableThrottledWithTheWait() {
    CloudledgerException mapped =
        AzureErrors.map(arm(429, "SubscriptionRequestsThrottled", "2"), "Op", "azure#s");

    assertThat(mapped).isInstanceOf(RetryableException.class);
    assertThat(mapped.reason()).isEqualTo("throttled");
    assertThat(((RetryableException) mapped).retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(mapped.getMessage())
        .contains("Op on azure#s answered HTTP 429 SubscriptionRequestsThrottled");
  }

  @Test
  void map_5xx_isRetryableAndClientErrorsArePermanent() {
    assertThat(AzureErrors.map(arm(503, "ServerBusy", null), "Op", "t").reason())
        .isEqualTo("server-error");
    assertThat(AzureErrors.map(arm(403, "AuthorizationFailed", null), "Op", "t"))
        .isInstanceOf(PermanentException.class)
        .extracting(CloudledgerException::reason)
        .isEqualTo("access-denied");
    assertThat(AzureErrors.map(arm(401, "InvalidAuthenticationToken", null), "Op", "t").reason())
        .isEqualTo("authentication-failed");
    assertThat(AzureErrors.map(arm(404, "SubscriptionNotFound", null), "Op", "t").reason())
        .isEqualTo("not-found");
    assertThat(AzureErrors.map(arm(400, "InvalidApiVersionParameter", null), "Op", "t").reason())
        .isEqualTo("invalid-request");
  }

  @Test
  void map_credentialRefusal_isPermanentAuthenticationFailure() {
    CloudledgerException mapped =
        AzureErrors.map(
            new ClientAuthenticationException("AADSTS7000215: Invalid client secret", null),
            "sign-in",
            "azure session 'x'");

    assertThat(mapped).isInstanceOf(PermanentException.class);
    assertThat(mapped.reason()).isEqualTo("authentication-failed");
  }

  @Test
  void map_unreachableEndpoint_isRetryable() {
    CloudledgerException mapped =
        AzureErrors.map(
            new UncheckedIOException(new ConnectException("Connection refused")), "Op", "t");

    assertThat(mapped).isInstanceOf(RetryableException.class);
    assertThat(mapped.reason()).isEqualTo("unreachable");
  }

  private static ManagementException arm(int status, String code, String retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    if (retryAfter != null) {
      headers.set("Retry-After", retryAfter);
    }
    HttpResponse response = new FixedResponse(status, headers);
    return new ManagementException(
        "Status code " + status, response, new ManagementError(code, code + " message"));
  }

  /** A bodiless response with a status and headers, as ARM's error carries them. */
  private static final class FixedResponse extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;

    FixedResponse(int status, HttpHeaders headers) {
      super(new HttpRequest(HttpMethod.GET, "https://management.azure.com/subscriptions/s"));
      this.status = status;
      this.headers = headers;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.empty();
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(new byte[0]);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just("");
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just("");
    }
  }
}
