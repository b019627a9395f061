package io.cloudledger.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out dispatch throughput: one sync request per account, as JSON in the architecture's {@code
 * SyncRequest} shape, sent in batches of 10 (SQS's batch limit) into a bounded in-process queue and
 * received, parsed and acknowledged by consumer threads. The core's dispatcher and the SQS fan-out
 * are not on main yet, so this queue is the benchmark's own; it measures serialization and
 * hand-off, not a network queue's latency.
 */
final class FanOutScenario implements BenchScenario {
  static final String QUEUE = "in-process bounded queue (bench's own; no core Dispatcher yet)";
  private static final int BATCH = 10;
  private static final int CONSUMERS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int accounts;

  FanOutScenario(int accounts) {
    this.accounts = accounts;
  }

  @Override
  public String id() {
    return "fan-out";
  }

  @Override
  public String description() {
    return "dispatch of " + accounts + " sync requests through an in-process queue";
  }

  @Override
  public void run(BenchContext context) {
    FanOutMeasurement measurement = dispatch(accounts);
    context.results().fanOut(measurement);
    context.log(
        String.format(
            Locale.ROOT,
            "fan-out: %d requests in %.2f s (%.0f/s)",
            measurement.messages(),
            measurement.seconds(),
            measurement.messagesPerSecond()));
  }

  static FanOutMeasurement dispatch(int accounts) {
    BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(256);
    AtomicLong received = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    String requestId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    try (ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CONSUMERS; c++) {
        running.add(consumers.submit(() -> consume(queue, received)));
      }
      List<String> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < accounts; i++) {
        batch.add(
            request(requestId, String.format(Locale.ROOT, "aws#%012d", 100_000_000_000L + i)));
        if (batch.size() == BATCH || i == accounts - 1) {
          put(queue, List.copyOf(batch));
          batches.incrementAndGet();
          batch.clear();
        }
      }
      for (int c = 0; c < CONSUMERS; c++) {
        put(queue, List.of()); // one end marker per consumer
      }
      for (Future<?> consumer : running) {
        consumer.get(5, TimeUnit.MINUTES);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the fan-out benchmark", e);
    } catch (Exception e) {
      throw new IllegalStateException("fan-out benchmark failed: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (received.get() != accounts) {
      throw new IllegalStateException(
          "fan-out lost messages: sent " + accounts + ", received " + received.get());
    }
    return new FanOutMeasurement(
        accounts,
        received.get(),
        batches.get(),
        BATCH,
        CONSUMERS,
        Figures.round(seconds, 3),
        Figures.round(Figures.ratio(received.get(), seconds), 1),
        QUEUE);
  }

  private static String request(String requestId, String accountKey) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("schemaVersion", 1);
    message.put("requestId", requestId);
    message.put("accountKey", accountKey);
    message.put("kinds", List.of("inventory"));
    message.put("trigger", "schedule");
    message.put("requestedAt", Instant.now().toString());
    try {
      return JSON.writeValueAsString(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Void consume(BlockingQueue<List<String>> queue, AtomicLong received)
      throws InterruptedException, IOException {
    while (true) {
      List<String> batch = queue.take();
      if (batch.isEmpty()) {
        return null;
      }
      for (String body : batch) {
        JsonNode request = JSON.readTree(body);
        if (!request.hasNonNull("accountKey")) {
          throw new IllegalStateException("a sync request without accountKey: " + body);
        }
        received.incrementAndGet();
      }
    }
  }

  private static void put(BlockingQueue<List<String>> queue, List<String> batch)
      throws InterruptedException {
    queue.put(batch);
  }
}
