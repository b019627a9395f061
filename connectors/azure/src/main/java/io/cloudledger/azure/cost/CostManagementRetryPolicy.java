package io.cloudledger.azure.cost;

import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Retries Cost Management's throttling the way it asks: a 429 carries no {@code Retry-After} but
 * {@code x-ms-ratelimit-microsoft.costmanagement-<qpu|entity|tenant|client>-retry-after} headers in
 * seconds, which azure-core's {@code RetryPolicy} does not read. This policy waits the longest of
 * them (else {@code Retry-After}, else exponential backoff) and retries 429, 408 and 5xx answers up
 * to {@code maxRetries} times; the last answer goes back to the caller.
 */
public final class CostManagementRetryPolicy implements HttpPipelinePolicy {
  static final String HEADER_PREFIX = "x-ms-ratelimit-microsoft.costmanagement-";
  static final String HEADER_SUFFIX = "-retry-after";

  /** Waits; a test may count instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;

  public CostManagementRetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    this(maxRetries, baseDelay, maxDelay, d -> Thread.sleep(d.toMillis()));
  }

  CostManagementRetryPolicy(
      int maxRetries, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
    }
    this.maxRetries = maxRetries;
    this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    // Later policies change the request (the https→http rewrite): every attempt starts afresh.
    HttpRequest original = context.getHttpRequest().copy();
    for (int attempt = 0; ; attempt++) {
      context.setHttpRequest(original.copy());
      HttpResponse response = next.clone().processSync();
      if (attempt >= maxRetries || !retryable(response.getStatusCode())) {
        return response;
      }
      Duration delay = delay(response, attempt);
      response.close();
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to retry a throttled query", e);
      }
    }
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return attempt(context, context.getHttpRequest().copy(), next, 0);
  }

  private Mono<HttpResponse> attempt(
      HttpPipelineCallContext context,
      HttpRequest original,
      HttpPipelineNextPolicy next,
      int attempt) {
    context.setHttpRequest(original.copy());
    return next.clone()
        .process()
        .flatMap(
            response -> {
              if (attempt >= maxRetries || !retryable(response.getStatusCode())) {
                return Mono.just(response);
              }
              Duration delay = delay(response, attempt);
              response.close();
              return Mono.delay(delay)
                  .then(Mono.defer(() -> attempt(context, original, next, attempt + 1)));
            });
  }

  static boolean retryable(int status) {
    return status == 429 || status == 408 || status >= 500;
  }

  /** The wait Cost Management asks for, else {@code Retry-After}, else exponential backoff. */
  Duration delay(HttpResponse response, int attempt) {
    return costManagementRetryAfter(response)
        .or(() -> seconds(response.getHeaderValue("Retry-After")))
        .orElseGet(() -> backoff(attempt));
  }

  /** The longest of the {@code x-ms-ratelimit-microsoft.costmanagement-*-retry-after} headers. */
  static Optional<Duration> costManagementRetryAfter(HttpResponse response) {
    Duration longest = null;
    for (HttpHeader header : response.getHeaders()) {
      String name = header.getName().toLowerCase(Locale.ROOT);
      if (name.startsWith(HEADER_PREFIX) && name.endsWith(HEADER_SUFFIX)) {
        Optional<Duration> wait = seconds(header.getValue());
        if (wait.isPresent() && (longest == null || wait.get().compareTo(longest) > 0)) {
          longest = wait.get();
        }
      }
    }
    return Optional.ofNullable(longest);
  }

  private static Optional<Duration> seconds(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
    } catch (NumberFormatException notSeconds) {
      return Optional.empty();
    }
  }

  private Duration backoff(int attempt) {
    Duration delay = baseDelay.multipliedBy(1L << Math.min(attempt, 20));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
