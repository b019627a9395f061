package io.cloudledger.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The dispatcher against ElasticMQ, with a failing wrapper for partial batch failures. */
class SqsDispatcherTest {
  private static final SqsDispatcherSettings FAST =
      new SqsDispatcherSettings(4, 3, Duration.ofMillis(5));
  private static ElasticMq elasticMq;
  private static SqsClient client;

  @BeforeAll
  static void start() {
    elasticMq = ElasticMq.start();
    client = elasticMq.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    elasticMq.close();
  }

  static List<SyncRequest> requests(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                SyncRequest.of(
                    "req-1",
                    AccountKey.parse(String.format("aws#%012d", i)),
                    Set.of(SyncKind.INVENTORY),
                    "schedule",
                    Instant.parse("2026-11-23T17:00:00Z")))
        .toList();
  }

  private static List<SyncRequest> receiveAll(String url) {
    List<SyncRequest> received = new ArrayList<>();
    while (true) {
      List<Message> messages =
          client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
      if (messages.isEmpty()) {
        return received;
      }
      for (Message message : messages) {
        received.add(SyncRequestCodec.fromJson(message.body()));
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
  }

  @Test
  void dispatch_205Requests_sendsEachOnceInBatchesOfTen() {
    String url = client.createQueue(r -> r.queueName("fanout-205")).queueUrl();
    SqsDispatcher dispatcher = new SqsDispatcher(client, url, FAST);
    List<SyncRequest> sent = requests(205);

    dispatcher.dispatch(sent);

    assertThat(dispatcher.calls()).isEqualTo(21);
    assertThat(receiveAll(url)).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void dispatch_whenSomeEntriesFail_resendsOnlyThoseEntries() {
    String url = client.createQueue(r -> r.queueName("fanout-partial")).queueUrl();
    FailingFirstAttempt failing = new FailingFirstAttempt(client, false);
    SqsDispatcher dispatcher = new SqsDispatcher(failing, url, FAST);
    List<SyncRequest> sent = requests(20);

    dispatcher.dispatch(sent);

    assertThat(receiveAll(url)).containsExactlyInAnyOrderElementsOf(sent);
    // Two groups of 10 sent whole, then each group's 5 failed entries once more.
    assertThat(failing.entriesPerCall).containsExactlyInAnyOrder(10, 10, 5, 5);
  }

  @Test
  void dispatch_whenSqsBlamesTheSender_doesNotRetryAndFailsPermanently() {
    String url = client.createQueue(r -> r.queueName("fanout-sender")).queueUrl();
    FailingFirstAttempt failing = new FailingFirstAttempt(client, true);
    SqsDispatcher dispatcher = new SqsDispatcher(failing, url, FAST);

    assertThatThrownBy(() -> dispatcher.dispatch(requests(10)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("5 of 10")
        .hasMessageContaining("InvalidParameterValue");
    assertThat(failing.entriesPerCall).containsExactly(10);
    assertThat(receiveAll(url)).hasSize(5);
  }

  @Test
  void batches_splitAtTenEntriesAndAt256KiB() {
    String large = "x".repeat(100 * 1024);

    assertThat(MessageBatches.split(Collections.nCopies(25, "{}")))
        .extracting(List::size)
        .containsExactly(10, 10, 5);
    assertThat(MessageBatches.split(Collections.nCopies(5, large)))
        .extracting(List::size)
        .containsExactly(2, 2, 1);
  }

  /** Passes the odd entries of each first attempt to SQS and reports the even ones as failed. */
  private static final class FailingFirstAttempt implements SqsClient {
    private final SqsClient delegate;
    private final boolean senderFault;
    private final Set<String> failedOnce = Collections.synchronizedSet(new java.util.HashSet<>());
    final List<Integer> entriesPerCall = Collections.synchronizedList(new ArrayList<>());

    FailingFirstAttempt(SqsClient delegate, boolean senderFault) {
      this.delegate = delegate;
      this.senderFault = senderFault;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
      entriesPerCall.add(request.entries().size());
      List<SendMessageBatchRequestEntry> pass = new ArrayList<>();
      List<BatchResultErrorEntry> failed = new ArrayList<>();
      for (SendMessageBatchRequestEntry entry : request.entries()) {
        if (Integer.parseInt(entry.id()) % 2 == 0 && failedOnce.add(entry.id())) {
          failed.add(
              BatchResultErrorEntry.builder()
                  .id(entry.id())
                  .code(senderFault ? "InvalidParameterValue" : "InternalError")
                  .senderFault(senderFault)
                  .build());
        } else {
          pass.add(entry);
        }
      }
      SendMessageBatchResponse sent =
          pass.isEmpty()
              ? SendMessageBatchResponse.builder().build()
              : delegate.sendMessageBatch(request.toBuilder().entries(pass).build());
      List<BatchResultErrorEntry> allFailed = new ArrayList<>(sent.failed());
      allFailed.addAll(failed);
      return sent.toBuilder().failed(allFailed).build();
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }
}
