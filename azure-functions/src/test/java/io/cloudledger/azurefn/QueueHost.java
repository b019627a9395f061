package io.cloudledger.azurefn;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the Functions host's queue trigger does with a Storage queue, for tests against Azurite:
 * receives up to {@code batchSize} messages under a lease, runs the function on each in parallel
 * with the decoded body, its id and dequeue count; deletes a message whose function returned; after
 * a failure makes it visible again after {@code visibilityTimeout} or, once its dequeue count
 * reached {@code maxDequeueCount}, copies it to {@code <queue>-poison} and deletes it. A message
 * received with a dequeue count above the maximum (its worker died) goes to poison unrun.
 */
public final class QueueHost {
  /** The function under the trigger: (body, message id, dequeue count); throws to fail. */
  @FunctionalInterface
  public interface Function {
    void run(String body, String messageId, long dequeueCount);
  }

  /** One run of the function. */
  public record Attempt(String messageId, long dequeueCount, boolean succeeded) {}

  private static final Duration LEASE = Duration.ofMinutes(10);

  private final QueueClient queue;
  private final QueueClient poison;
  private final HostJson host;
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final AtomicInteger poisoned = new AtomicInteger();

  /** {@code queue} and {@code poison} must use base64 message encoding, as the host does. */
  public QueueHost(QueueClient queue, QueueClient poison, HostJson host) {
    this.queue = queue;
    this.poison = poison;
    this.host = host;
    poison.createIfNotExists();
  }

  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  public int poisoned() {
    return poisoned.get();
  }

  /**
   * Polls until the queue is empty (visible and invisible messages alike) or {@code timeout}
   * passes; returns whether it emptied.
   */
  public boolean drain(Function function, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<QueueMessageItem> batch = new ArrayList<>();
      queue.receiveMessages(host.batchSize(), LEASE, null, null).forEach(batch::add);
      if (batch.isEmpty()) {
        if (queue.getProperties().getApproximateMessagesCount() == 0) {
          return true;
        }
        Thread.sleep(50); // messages waiting out their visibility timeout
        continue;
      }
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> runs = new ArrayList<>();
        for (QueueMessageItem message : batch) {
          runs.add(executor.submit(() -> handle(function, message)));
        }
        for (Future<?> run : runs) {
          try {
            run.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the test host itself failed", e.getCause());
          }
        }
      }
    }
    return false;
  }

  private void handle(Function function, QueueMessageItem message) {
    String body = message.getBody().toString();
    if (message.getDequeueCount() > host.maxDequeueCount()) {
      toPoison(message, body);
      return;
    }
    boolean succeeded;
    try {
      function.run(body, message.getMessageId(), message.getDequeueCount());
      succeeded = true;
    } catch (RuntimeException e) {
      succeeded = false;
    }
    attempts.add(new Attempt(message.getMessageId(), message.getDequeueCount(), succeeded));
    if (succeeded) {
      queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
    } else if (message.getDequeueCount() >= host.maxDequeueCount()) {
      toPoison(message, body);
    } else {
      queue.updateMessage(
          message.getMessageId(), message.getPopReceipt(), body, host.visibilityTimeout());
    }
  }

  private void toPoison(QueueMessageItem message, String body) {
    poison.sendMessage(body);
    queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
    poisoned.incrementAndGet();
  }
}
