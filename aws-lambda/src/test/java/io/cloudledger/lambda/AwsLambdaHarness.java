package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.cloudledger.aws.sqs.ElasticMq;
import io.cloudledger.conformance.ConformanceDeployment;
import io.cloudledger.conformance.HttpReply;
import io.cloudledger.conformance.RuntimeHarness;
import io.cloudledger.core.model.Provider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * AWS Lambda as the conformance suite sees it: the three handlers as deployed (the fan-out and the
 * trigger with the queue URL, the worker without), fed EventBridge, SQS and API Gateway events in
 * their JSON shapes; a queue with a redrive policy to its DLQ in ElasticMQ, polled as the SQS event
 * source mapping does (batches of up to 10, {@code ReportBatchItemFailures}).
 */
final class AwsLambdaHarness implements RuntimeHarness {
  /** The redrive policy's {@code maxReceiveCount}. */
  static final int MAX_RECEIVE_COUNT = 3;

  private static final int VISIBILITY_TIMEOUT_SECONDS = 1;

  private final SqsClient sqs;
  private final ElasticMq.Queues queues;
  private final String queueArn;
  private final List<Components> components = new ArrayList<>();
  private final FanOutHandler fanOut;
  private final SyncWorkerHandler worker;
  private final SyncTriggerHandler trigger;
  private final List<String> deadLettered = new ArrayList<>();

  AwsLambdaHarness(ConformanceDeployment deployment, ElasticMq elasticMq) {
    this.sqs = elasticMq.client();
    this.queues =
        ElasticMq.createWithDlq(
            sqs, deployment.name(), MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS);
    this.queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queues.url()).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    Map<String, String> env = new HashMap<>(deployment.environment().variables());
    env.put(LambdaSettings.CONFIG, deployment.environment().configYaml());
    env.put(LambdaSettings.TABLE_PREFIX, deployment.tablePrefix());
    env.put(
        LambdaSettings.DYNAMODB_ENDPOINT, deployment.environment().dynamoDbEndpoint().toString());
    env.put(LambdaSettings.SQS_ENDPOINT, elasticMq.endpoint().toString());
    env.put(LambdaSettings.WORKER_TIMEOUT_SECONDS, "60");
    Map<String, String> workerEnv = new HashMap<>(env);
    env.put(LambdaSettings.QUEUE_URL, queues.url());
    this.fanOut = new FanOutHandler(wire(env, true));
    this.trigger = new SyncTriggerHandler(wire(env, true));
    this.worker = new SyncWorkerHandler(wire(workerEnv, false));
  }

  /** One function's wiring, as {@code Components.fromEnvironment} builds it, on local endpoints. */
  private Components wire(Map<String, String> env, boolean sends) {
    LambdaSettings settings = LambdaSettings.from(env);
    DynamoDbClient dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(settings.dynamoDbEndpointUri().orElseThrow())
            .region(Region.of(settings.region()))
            .credentialsProvider(localCredentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    SqsClient queue =
        sends
            ? SqsClient.builder()
                .endpointOverride(settings.sqsEndpointUri().orElseThrow())
                .region(Region.of(settings.region()))
                .credentialsProvider(localCredentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build()
            : null;
    Components wired = new Components(settings, env, dynamoDb, queue, Clock.systemUTC());
    components.add(wired);
    return wired;
  }

  private static StaticCredentialsProvider localCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
  }

  @Override
  public Set<Provider> providers() {
    return Set.of(Provider.AWS); // each provider has its own worker on AWS (ARCHITECTURE.md)
  }

  @Override
  public void scheduleTick(Instant tick) {
    fanOut.handleRequest(LambdaEvents.scheduled(tick), null);
  }

  @Override
  public int drainQueue() {
    int deliveries = 0;
    while (true) {
      List<Message> batch =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queues.url())
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (batch.isEmpty()) {
        if (pending() == 0) {
          return deliveries;
        }
        continue;
      }
      deliveries += batch.size();
      SQSBatchResponse response = worker.handleRequest(LambdaEvents.sqs(batch, queueArn), null);
      Set<String> failed = new HashSet<>();
      response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
      for (Message message : batch) {
        if (!failed.contains(message.messageId())) {
          sqs.deleteMessage(r -> r.queueUrl(queues.url()).receiptHandle(message.receiptHandle()));
        }
      }
    }
  }

  private long pending() {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queues.url())
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Override
  public void enqueueRaw(String body) {
    sqs.sendMessage(r -> r.queueUrl(queues.url()).messageBody(body));
  }

  @Override
  public List<String> deadLettered() {
    while (true) {
      List<Message> messages =
          sqs.receiveMessage(r -> r.queueUrl(queues.dlqUrl()).maxNumberOfMessages(10)).messages();
      if (messages.isEmpty()) {
        return List.copyOf(deadLettered);
      }
      for (Message message : messages) {
        deadLettered.add(message.body());
        sqs.deleteMessage(r -> r.queueUrl(queues.dlqUrl()).receiptHandle(message.receiptHandle()));
      }
    }
  }

  @Override
  public HttpReply http(String method, String path, String body) {
    APIGatewayV2HTTPResponse response =
        trigger.handleRequest(LambdaEvents.http(method, path, body), null);
    return new HttpReply(
        response.getStatusCode(), response.getBody() == null ? "" : response.getBody());
  }

  @Override
  public void close() {
    components.forEach(Components::close);
    sqs.deleteQueue(r -> r.queueUrl(queues.url()));
    sqs.deleteQueue(r -> r.queueUrl(queues.dlqUrl()));
    sqs.close();
  }
}
