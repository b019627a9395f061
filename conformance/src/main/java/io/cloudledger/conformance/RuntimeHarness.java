package io.cloudledger.conformance;

import io.cloudledger.core.model.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One function runtime (AWS Lambda, Azure Functions, Google Cloud Functions) driven through its
 * real entry points for one {@link ConformanceDeployment}: the schedule's handler, the queue worker
 * fed the way the platform feeds it, and the HTTP trigger. {@link RuntimeConformanceSuite} creates
 * one harness per scenario and closes it afterwards.
 *
 * <p>Every method translates a platform-neutral action into the platform's own event types and
 * queue, and back; none may call the core directly, or the suite would prove nothing about the
 * adapter. The runtime must keep its state in the deployment's DynamoDB tables (endpoint {@link
 * ConformanceEnvironment#dynamoDbEndpoint()}, prefix {@link ConformanceDeployment#tablePrefix()})
 * and read the configuration {@link ConformanceEnvironment#configYaml()} with the variables of
 * {@link ConformanceEnvironment#variables()}.
 */
public interface RuntimeHarness extends AutoCloseable {

  /**
   * The clouds whose accounts this runtime's worker syncs from the environment's configuration (on
   * AWS Lambda only AWS: each provider has its own worker). The suite expects exactly their
   * accounts in the store, and compares their state hashes with the reference.
   */
  Set<Provider> providers();

  /**
   * The schedule fires at {@code tick}: the platform's timer/schedule event (EventBridge {@code
   * ScheduledEvent}, Azure {@code TimerInfo}, Cloud Scheduler's Pub/Sub message or HTTP call) goes
   * to the fan-out entry point, which puts one sync message per account on the queue. Delivers
   * nothing to the worker.
   */
  void scheduleTick(Instant tick);

  /**
   * Delivers the queued sync messages to the worker entry point the way the platform does (SQS
   * batches with partial batch failures; Storage Queue messages with a dequeue count; Pub/Sub
   * CloudEvents) until the queue holds nothing, visible or in flight: a failed delivery comes back
   * (after the visibility timeout or as a redelivery) and, after the platform's maximum number of
   * attempts, is moved to the dead-letter place. Returns the number of deliveries made (a message
   * delivered three times counts three).
   */
  int drainQueue();

  /**
   * Puts {@code body} on the sync queue as one message, exactly as given (a producer other than the
   * fan-out; for queues that carry base64 or a Pub/Sub {@code data} field, encoded as the platform
   * encodes). Used for poison messages and for delivering a copy of a message a second time.
   * Delivers nothing.
   */
  void enqueueRaw(String body);

  /**
   * The bodies, decoded back to the text given to {@link #enqueueRaw} or sent by the fan-out, of
   * every message moved to the dead-letter place (SQS DLQ, {@code <queue>-poison}, the dead-letter
   * topic) since this harness was created, oldest first. Calling it twice answers the same list.
   */
  List<String> deadLettered();

  /**
   * One call through the HTTP entry point (API Gateway HTTP API event, {@code HttpRequestMessage},
   * Functions Framework HTTP request). {@code path} is platform-neutral ({@code /sync}, {@code
   * /sync/{requestId}}); the harness adds its platform's prefix ({@code /api} on Azure) and an
   * authenticated caller where the platform authenticates. {@code body} may be null.
   */
  HttpReply http(String method, String path, String body);

  /** Stops what the harness started for this deployment (queues, servers, handler instances). */
  @Override
  void close();
}
