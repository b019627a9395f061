package io.cloudledger.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pass-through HTTP proxy in front of DynamoDB Local that counts, per table, the items every
 * successful write call carried ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, the
 * entries of {@code BatchWriteItem} minus its unprocessed ones, {@code TransactWriteItems}). A
 * runtime under test only gets this endpoint, so its writes are counted whatever SDK, client or
 * language it uses, without any hook in the runtime.
 */
public final class DynamoDbWriteProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final HttpClient client;
  private final URI target;
  private final Map<String, AtomicLong> itemsByTable = new ConcurrentHashMap<>();

  private DynamoDbWriteProxy(HttpServer server, HttpClient client, URI target) {
    this.server = server;
    this.client = client;
    this.target = target;
  }

  /** Starts the proxy on a free local port, forwarding to {@code target}. */
  public static DynamoDbWriteProxy start(URI target) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(Executors.newVirtualThreadPerTaskExecutor())
              .build();
      DynamoDbWriteProxy proxy = new DynamoDbWriteProxy(server, client, target);
      server.createContext("/", proxy::forward);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("the DynamoDB write proxy did not start", e);
    }
  }

  /** The endpoint to give the runtime under test. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Items written so far, per table name, in name order. */
  public Map<String, Long> itemsByTable() {
    Map<String, Long> snapshot = new TreeMap<>();
    itemsByTable.forEach((table, count) -> snapshot.put(table, count.get()));
    return snapshot;
  }

  /** Items written so far to {@code table}. */
  public long items(String table) {
    AtomicLong count = itemsByTable.get(table);
    return count == null ? 0 : count.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      if (response.statusCode() == 200) {
        count(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body, response.body());
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private void count(String amzTarget, byte[] request, byte[] response) throws IOException {
    if (amzTarget == null) {
      return;
    }
    String operation = amzTarget.substring(amzTarget.indexOf('.') + 1);
    switch (operation) {
      case "PutItem", "UpdateItem", "DeleteItem" ->
          add(JSON.readTree(request).path("TableName").asText(), 1);
      case "BatchWriteItem" -> {
        JsonNode unprocessed = JSON.readTree(response).path("UnprocessedItems");
        JSON.readTree(request)
            .path("RequestItems")
            .properties()
            .forEach(
                table ->
                    add(
                        table.getKey(),
                        table.getValue().size() - unprocessed.path(table.getKey()).size()));
      }
      case "TransactWriteItems" -> {
        for (JsonNode item : JSON.readTree(request).path("TransactItems")) {
          for (String kind : List.of("Put", "Update", "Delete")) {
            if (item.has(kind)) {
              add(item.path(kind).path("TableName").asText(), 1);
            }
          }
        }
      }
      default -> {
        // reads are not counted
      }
    }
  }

  private void add(String table, long items) {
    itemsByTable.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(items);
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
  }
}
