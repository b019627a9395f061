package io.cloudledger.gcp.queue;

import com.google.api.core.ApiFuture;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.batching.FlowController;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import io.cloudledger.core.dispatch.Dispatcher;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Dispatcher} onto a Pub/Sub topic: one message per request (data = the request's JSON,
 * attributes {@code requestId}, {@code accountKey}), published through the client library's
 * batching {@link Publisher}, which retries each batch with backoff. {@link #dispatch} waits for
 * every publish and throws when any failed, naming how many and why: a failed publish is never lost
 * silently. Ordering is not needed (each message is one account's independent work), so no ordering
 * key is set and batches go out in parallel.
 */
public final class PubSubDispatcher implements Dispatcher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PubSubDispatcher.class);
  private static final Set<StatusCode.Code> RETRYABLE =
      Set.of(
          StatusCode.Code.UNAVAILABLE,
          StatusCode.Code.DEADLINE_EXCEEDED,
          StatusCode.Code.RESOURCE_EXHAUSTED,
          StatusCode.Code.ABORTED,
          StatusCode.Code.INTERNAL,
          StatusCode.Code.UNKNOWN,
          StatusCode.Code.CANCELLED);

  private final Publisher publisher;
  private final String topic;
  private final Duration awaitTimeout;

  /** A dispatcher over {@code publisher}, which it shuts down on {@link #close()}. */
  public PubSubDispatcher(Publisher publisher, Duration awaitTimeout) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.topic = publisher.getTopicNameString();
    this.awaitTimeout = Objects.requireNonNull(awaitTimeout, "awaitTimeout");
  }

  /** Builds the publisher (no call is made until the first dispatch). */
  public static PubSubDispatcher create(PubSubSettings settings) {
    Publisher.Builder builder =
        Publisher.newBuilder(settings.topic())
            .setBatchingSettings(
                BatchingSettings.newBuilder()
                    .setElementCountThreshold(settings.batchSize())
                    .setRequestByteThreshold(1_000_000L)
                    .setDelayThresholdDuration(settings.batchDelay())
                    // A fan-out of thousands of accounts waits here instead of buffering them all.
                    .setFlowControlSettings(
                        FlowControlSettings.newBuilder()
                            .setMaxOutstandingElementCount(10_000L)
                            .setMaxOutstandingRequestBytes(64L << 20)
                            .setLimitExceededBehavior(FlowController.LimitExceededBehavior.Block)
                            .build())
                    .build())
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setInitialRetryDelayDuration(Duration.ofMillis(100))
                    .setRetryDelayMultiplier(2.0)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                    .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
                    .setRpcTimeoutMultiplier(1.0)
                    .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
                    .setTotalTimeoutDuration(settings.publishTimeout())
                    .build());
    settings
        .endpoint()
        .ifPresent(
            hostPort ->
                builder
                    .setChannelProvider(
                        InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(hostPort)
                            .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                            .build())
                    .setCredentialsProvider(NoCredentialsProvider.create()));
    try {
      // Awaiting longer than the retries last, so a failure is reported as the library's own.
      return new PubSubDispatcher(
          builder.build(), settings.publishTimeout().plus(Duration.ofSeconds(10)));
    } catch (IOException e) {
      throw new PermanentException(
          "pubsub-unavailable", "cannot create a publisher for " + settings.topic(), e);
    }
  }

  @Override
  public void dispatch(List<SyncRequest> requests) {
    List<ApiFuture<String>> futures = new ArrayList<>(requests.size());
    for (SyncRequest request : requests) {
      futures.add(
          publisher.publish(
              PubsubMessage.newBuilder()
                  .setData(
                      ByteString.copyFrom(SyncRequestCodec.toJson(request), StandardCharsets.UTF_8))
                  .putAttributes("requestId", request.requestId())
                  .putAttributes("accountKey", request.accountKey().value())
                  .build()));
    }
    // Send what the batcher still holds now rather than after its delay.
    publisher.publishAllOutstanding();
    Map<String, Integer> failures = new TreeMap<>();
    int failed = 0;
    boolean retryable = true;
    for (int i = 0; i < futures.size(); i++) {
      Throwable failure = await(futures.get(i));
      if (failure == null) {
        continue;
      }
      failures.merge(code(failure), 1, Integer::sum);
      retryable &= !(failure instanceof ApiException api) || isRetryable(api);
      if (failed++ == 0) {
        LOG.warn(
            "publish to {} failed requestId={} accountKey={}: {}",
            topic,
            requests.get(i).requestId(),
            requests.get(i).accountKey(),
            failure.getMessage());
      }
    }
    if (failed > 0) {
      String message =
          failed
              + " of "
              + requests.size()
              + " sync requests could not be published to "
              + topic
              + " (by status: "
              + failures
              + ")";
      // Refusals (unknown topic, no permission) do not heal by retrying the fan-out.
      throw retryable
          ? new RetryableException("publish-failed", message)
          : new PermanentException("publish-refused", message);
    }
  }

  private Throwable await(ApiFuture<String> future) {
    try {
      future.get(awaitTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (java.util.concurrent.TimeoutException e) {
      return e;
    }
  }

  private static boolean isRetryable(ApiException e) {
    return RETRYABLE.contains(e.getStatusCode().getCode());
  }

  private static String code(Throwable failure) {
    return failure instanceof ApiException api
        ? api.getStatusCode().getCode().name()
        : failure.getClass().getSimpleName();
  }

  /** Sends what is still buffered and releases the channel. */
  @Override
  public void close() {
    publisher.shutdown();
    try {
      publisher.awaitTermination(awaitTimeout.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
