package io.cloudledger.gcf;

import com.google.cloud.functions.invoker.runner.Invoker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * A function served by the Functions Framework invoker in this JVM, as Cloud Functions serves it:
 * the invoker instantiates {@code target} with its no-arg constructor and answers HTTP on a port.
 */
public final class FunctionServer implements AutoCloseable {
  private final Invoker invoker;
  private final int port;

  private FunctionServer(Invoker invoker, int port) {
    this.invoker = invoker;
    this.port = port;
  }

  /**
   * @param signature {@code http} or {@code cloudevent}
   */
  public static FunctionServer start(Class<?> target, String signature) {
    try {
      int port = freePort();
      Invoker invoker =
          new Invoker(port, target.getName(), signature, FunctionServer.class.getClassLoader());
      invoker.startTestServer();
      return new FunctionServer(invoker, port);
    } catch (Exception e) {
      throw new IllegalStateException("the invoker did not start " + target.getName(), e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
