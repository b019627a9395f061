package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Events as Lambda hands them to a handler: JSON in the services' documented shapes (from the
 * fixtures in {@code src/test/resources/events}), turned into event objects by the Lambda runtime's
 * own serializers ({@code aws-lambda-java-serialization}), as the managed runtime does.
 */
final class LambdaEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaEvents() {}

  /** EventBridge's scheduled event for {@code tick}. */
  static ScheduledEvent scheduled(Instant tick) {
    ObjectNode event = fixture("scheduled_event.json");
    event.put("time", tick.toString());
    return fromJson(event, ScheduledEvent.class);
  }

  /** API Gateway HTTP API (payload 2.0) event of an IAM-authenticated caller. */
  static APIGatewayV2HTTPEvent http(String method, String path, String body) {
    ObjectNode event = fixture("apigw_v2_post_sync.json");
    event.put("routeKey", method + " " + (path.startsWith("/sync/") ? "/sync/{requestId}" : path));
    event.put("rawPath", path);
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.put("routeKey", event.get("routeKey").asText());
    ((ObjectNode) context.get("http")).put("method", method).put("path", path);
    if (body == null) {
      event.remove("body");
      ((ObjectNode) event.get("headers")).remove("content-length");
    } else {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return fromJson(event, APIGatewayV2HTTPEvent.class);
  }

  /** The SQS event source mapping's event for one received batch. */
  static SQSEvent sqs(List<Message> messages, String queueArn) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", message.messageId());
      record.put("receiptHandle", message.receiptHandle());
      record.put("body", message.body());
      ObjectNode attributes = record.putObject("attributes");
      message.attributesAsStrings().forEach(attributes::put);
      record.putObject("messageAttributes");
      record.put("md5OfBody", message.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", "us-east-1");
    }
    return fromJson(event, SQSEvent.class);
  }

  private static ObjectNode fixture(String name) {
    try (InputStream in = LambdaEvents.class.getResourceAsStream("/events/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fixture " + name, e);
    }
  }

  private static <T> T fromJson(ObjectNode event, Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader())
        .fromJson(event.toString());
  }
}
