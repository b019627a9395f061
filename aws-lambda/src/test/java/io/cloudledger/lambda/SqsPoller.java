package io.cloudledger.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Drives a worker as Lambda's SQS poller does: receives up to 10 messages, hands them over as one
 * {@link SQSEvent}, deletes the ones not reported in {@code batchItemFailures}, and leaves the
 * failed ones to reappear after the visibility timeout (and reach the DLQ by the redrive policy).
 */
final class SqsPoller {
  private final SqsClient sqs;
  private final String queueUrl;
  final List<Integer> batchSizes = new ArrayList<>();
  final List<String> failedMessageIds = new ArrayList<>();

  SqsPoller(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  /** Polls until the queue holds no message, visible or in flight. */
  void drain(Function<SQSEvent, SQSBatchResponse> handler) {
    while (true) {
      List<Message> messages =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (messages.isEmpty()) {
        if (pending() == 0) {
          return;
        }
        continue;
      }
      batchSizes.add(messages.size());
      SQSBatchResponse response = handler.apply(event(messages));
      Set<String> failed = new HashSet<>();
      response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
      failedMessageIds.addAll(failed);
      for (Message message : messages) {
        if (!failed.contains(message.messageId())) {
          sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
      }
    }
  }

  private long pending() {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  static SQSEvent event(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message message : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(message.messageId());
      record.setReceiptHandle(message.receiptHandle());
      record.setBody(message.body());
      record.setMd5OfBody(message.md5OfBody());
      record.setEventSource("aws:sqs");
      record.setAttributes(message.attributesAsStrings());
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  /** Every message body in {@code queueUrl}, received (and deleted). */
  static List<String> receiveAll(SqsClient sqs, String queueUrl) {
    List<String> bodies = new ArrayList<>();
    while (true) {
      List<Message> messages =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
      if (messages.isEmpty()) {
        return bodies;
      }
      for (Message message : messages) {
        bodies.add(message.body());
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      }
    }
  }
}
