package io.cloudledger.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API as the Runtime Interface Client sees it: {@code GET
 * /2018-06-01/runtime/invocation/next} hands out queued events (blocking until one is queued),
 * {@code POST .../{id}/response} and {@code .../{id}/error} complete them, {@code POST
 * /2018-06-01/runtime/init/error} reports a failed init. It notes when the runtime first asked for
 * work (the end of its init).
 */
final class RuntimeApiEmulator implements AutoCloseable {
  private static final String BASE = "/2018-06-01/runtime/";

  /** What the function answered; {@code error} for an error report. */
  record Result(boolean error, String body, long atNanos) {}

  private record Invocation(String id, String event) {}

  private final HttpServer server;
  private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
  final CompletableFuture<Long> firstNextAtNanos = new CompletableFuture<>();
  final CompletableFuture<String> initError = new CompletableFuture<>();

  RuntimeApiEmulator() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(BASE, this::handle);
    server.start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues an event; the future completes with the function's answer. */
  CompletableFuture<Result> invoke(String event) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Result> result = new CompletableFuture<>();
    results.put(id, result);
    queued.add(new Invocation(id, event));
    return result;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(BASE.length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (path.equals("invocation/next")) {
        firstNextAtNanos.complete(System.nanoTime());
        Invocation next = queued.take();
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", next.id());
        headers.add(
            "Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 300_000));
        headers.add(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:us-east-1:123456789012:function:cloudledger");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e");
        reply(exchange, 200, next.event());
      } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
        complete(path, new Result(false, body, System.nanoTime()));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
        complete(path, new Result(true, body, System.nanoTime()));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.equals("init/error")) {
        initError.complete(body);
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        reply(exchange, 404, "{}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    }
  }

  private void complete(String path, Result result) {
    String id = path.split("/")[1];
    CompletableFuture<Result> future = results.get(id);
    if (future != null) {
      future.complete(result);
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
