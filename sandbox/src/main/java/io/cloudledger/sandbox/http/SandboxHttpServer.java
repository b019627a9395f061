package io.cloudledger.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDK HTTP server on 127.0.0.1 with one virtual thread per request, dispatching to routes. */
public final class SandboxHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes;

  private SandboxHttpServer(HttpServer server, ExecutorService executor, List<Route> routes) {
    this.server = server;
    this.executor = executor;
    this.routes = routes;
  }

  /** Binds the loopback address ({@code port} 0 picks a free one) and starts serving. */
  public static SandboxHttpServer start(int port, List<Route> routes) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      SandboxHttpServer sandboxServer =
          new SandboxHttpServer(server, executor, List.copyOf(routes));
      server.createContext("/", sandboxServer::serve);
      server.setExecutor(executor);
      server.start();
      return sandboxServer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the sandbox to 127.0.0.1:" + port, e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:49152}. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      SandboxResponse response;
      try {
        SandboxRequest request = read(exchange);
        response =
            routes.stream()
                .filter(r -> r.matches(request))
                .findFirst()
                .map(r -> r.handle(request))
                .orElseGet(
                    () ->
                        SandboxResponse.text(
                            404,
                            "the sandbox serves no API at "
                                + request.method()
                                + " "
                                + request.path()
                                + " (AWS calls need a SigV4 Authorization header)"));
      } catch (RuntimeException e) {
        LOG.warn(
            "sandbox request {} {} failed",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            e);
        response = SandboxResponse.text(500, "sandbox failure: " + e);
      }
      write(exchange, response);
    }
  }

  private static SandboxRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    URI uri = exchange.getRequestURI();
    return new SandboxRequest(
        exchange.getRequestMethod(),
        uri.getRawPath(),
        uri.getRawQuery(),
        exchange.getRequestHeaders(),
        body);
  }

  private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    byte[] body = response.body();
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
