package io.cloudledger.aws.sqs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An in-process ElasticMQ (SQS) server on a free port, with helpers to make queues. */
public final class ElasticMq implements AutoCloseable {
  private final SQSRestServer server;
  private final URI endpoint;

  private ElasticMq(SQSRestServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  public static ElasticMq start() {
    int port = freePort();
    SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
    server.waitUntilStarted();
    return new ElasticMq(server, URI.create("http://127.0.0.1:" + port));
  }

  public URI endpoint() {
    return endpoint;
  }

  public SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Creates {@code name} with a dead-letter queue {@code name-dlq} after {@code maxReceives}. */
  public static Queues createWithDlq(
      SqsClient client, String name, int maxReceives, int visibilitySeconds) {
    String dlqUrl = client.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
    String dlqArn =
        client
            .getQueueAttributes(
                r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String redrive =
        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}";
    String url =
        client
            .createQueue(
                r ->
                    r.queueName(name)
                        .attributes(
                            Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                redrive,
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(visibilitySeconds))))
            .queueUrl();
    return new Queues(url, dlqUrl);
  }

  /** A queue and its dead-letter queue. */
  public record Queues(String url, String dlqUrl) {}

  @Override
  public void close() {
    server.stopAndWait();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
