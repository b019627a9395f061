package io.cloudledger.aws.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB Local server for the whole test run: started by the first class that uses this
 * extension, stopped when JUnit closes its root store (it leaves non-daemon threads otherwise).
 * Each test gets fresh tables through {@link #freshPrefix()}.
 */
public final class DynamoDbLocal implements BeforeAllCallback {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static volatile int port;

  private record Server(DynamoDBProxyServer server) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      server.stop();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(DynamoDbLocal.class.getName(), key -> start(), Server.class);
  }

  private static Server start() {
    try {
      int free = freePort();
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-port", Integer.toString(free), "-disableTelemetry"});
      server.start();
      port = free;
      return new Server(server);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A client of the shared server, with these interceptors. */
  public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
    if (port == 0) {
      throw new IllegalStateException("use @ExtendWith(DynamoDbLocal.class) on the test class");
    }
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            config -> {
              for (ExecutionInterceptor interceptor : interceptors) {
                config.addExecutionInterceptor(interceptor);
              }
            })
        .build();
  }

  /** A table prefix no other test uses. */
  public static String freshPrefix() {
    return "t" + PREFIXES.incrementAndGet() + "-";
  }
}
