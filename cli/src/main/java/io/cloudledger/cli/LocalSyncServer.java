package io.cloudledger.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudledger.core.auth.GuardDecision;
import io.cloudledger.core.auth.TriggerGuard;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.InMemoryDispatcher;
import io.cloudledger.core.dispatch.InMemorySyncRequestLog;
import io.cloudledger.core.dispatch.SyncApi;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncStatusQuery;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncRunStore;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.KindSync;
import io.cloudledger.core.worker.SyncWorker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP trigger on the laptop: the same {@link SyncApi} as the Lambda handler on the JDK's HTTP
 * server, an in-process queue instead of SQS, and worker threads running the same {@link
 * SyncWorker}. A retryable failure is queued again, up to {@link #MAX_ATTEMPTS} times.
 */
final class LocalSyncServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSyncServer.class);
  static final int MAX_ATTEMPTS = 3;

  private final HttpServer server;
  private final InMemoryDispatcher queue = new InMemoryDispatcher();
  private final SyncApi api;
  private final Optional<TriggerGuard> guard;
  private final SyncWorker worker;
  private final List<Thread> workers = new ArrayList<>();
  private final Map<SyncRequest, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running = true;

  /** GET /accounts calls an account overdue after this long without a complete sync. */
  static final Duration FRESHNESS_MAX_AGE = Duration.ofHours(3);

  private LocalSyncServer(
      int port,
      AccountDirectory directory,
      InventoryStore store,
      SyncRunStore runs,
      Clock clock,
      int workerCount,
      Optional<TriggerGuard> guard,
      Map<SyncKind, KindSync> otherKinds)
      throws IOException {
    this.guard = guard;
    var requestLog = new InMemorySyncRequestLog();
    var idempotency = new InMemoryIdempotencyStore(clock);
    Map<SyncKind, KindSync> kinds = new java.util.EnumMap<>(SyncKind.class);
    kinds.putAll(otherKinds);
    kinds.put(
        SyncKind.INVENTORY,
        new InventoryKindSync(
            new SyncEngine(store, runs, clock, SyncSettings.defaults()), directory));
    this.worker =
        new SyncWorker(
            new Idempotency(
                idempotency, clock, IdempotencySettings.forWorkerTimeout(Duration.ofMinutes(15))),
            kinds);
    this.api =
        new SyncApi(
                new FanOut(
                    directory,
                    queue,
                    requestLog,
                    new io.cloudledger.core.discovery.StaleInventory(store, clock)),
                new SyncStatusQuery(requestLog, runs, idempotency, clock),
                clock,
                () -> UUID.randomUUID().toString(),
                new io.cloudledger.core.dispatch.AccountsStatus(
                    directory,
                    new io.cloudledger.core.health.FreshnessQuery(store, clock, FRESHNESS_MAX_AGE)))
            .withTargets(new io.cloudledger.core.dispatch.ResourceTargets(directory, store));
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(httpThreads);
    server.createContext("/", this::handle);
    server.start();
    for (int i = 0; i < workerCount; i++) {
      workers.add(Thread.ofPlatform().name("sync-worker-" + i).daemon().start(this::work));
    }
  }

  static LocalSyncServer start(
      int port,
      AccountDirectory directory,
      InventoryStore store,
      SyncRunStore runs,
      Clock clock,
      int workers,
      Optional<TriggerGuard> guard) {
    return start(port, directory, store, runs, clock, workers, guard, Map.of());
  }

  /**
   * Like the other {@code start}, also serving {@code otherKinds} (e.g. cost) besides inventory.
   */
  static LocalSyncServer start(
      int port,
      AccountDirectory directory,
      InventoryStore store,
      SyncRunStore runs,
      Clock clock,
      int workers,
      Optional<TriggerGuard> guard,
      Map<SyncKind, KindSync> otherKinds) {
    try {
      return new LocalSyncServer(port, directory, store, runs, clock, workers, guard, otherKinds);
    } catch (IOException e) {
      throw CliException.usage("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ApiResponse response;
      try {
        response = guarded(exchange, body);
      } catch (RuntimeException e) {
        LOG.error("request failed", e);
        response = SyncApi.error(500, "internal", "the request failed; see the server's log");
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private ApiResponse guarded(HttpExchange exchange, String body) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (guard.isPresent()) {
      var headers = exchange.getRequestHeaders();
      Optional<String> key =
          TriggerGuard.presentedKey(
              Optional.ofNullable(headers.getFirst("Authorization")),
              Optional.ofNullable(headers.getFirst("X-Api-Key")));
      String source = exchange.getRemoteAddress().getAddress().getHostAddress();
      if (guard.get().check(method, path, key, source) instanceof GuardDecision.Refused refused) {
        refused.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        return refused.response();
      }
    }
    return api.handle(method, path, body);
  }

  private void work() {
    while (running) {
      SyncRequest request;
      try {
        request = queue.poll(Duration.ofMillis(200)).orElse(null);
      } catch (InterruptedException e) {
        return;
      }
      if (request == null) {
        continue;
      }
      try {
        worker.process(request);
        attempts.remove(request);
      } catch (RetryableException e) {
        int attempt = attempts.merge(request, 1, Integer::sum);
        if (attempt < MAX_ATTEMPTS) {
          LOG.warn(
              "retrying requestId={} accountKey={} after: {}",
              request.requestId(),
              request.accountKey(),
              e.getMessage());
          queue.dispatch(List.of(request));
        } else {
          attempts.remove(request);
          LOG.error(
              "giving up requestId={} accountKey={}: {}",
              request.requestId(),
              request.accountKey(),
              e.getMessage());
        }
      } catch (RuntimeException e) {
        LOG.error(
            "sync failed requestId={} accountKey={}: {}",
            request.requestId(),
            request.accountKey(),
            e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    server.stop(0);
    httpThreads.shutdownNow();
    for (Thread thread : workers) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
