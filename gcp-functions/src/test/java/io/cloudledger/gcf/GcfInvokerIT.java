package io.cloudledger.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.functions.invoker.runner.Invoker;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.gcf.PubSubPush.Mode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shaded jar as Cloud Functions runs it: a fresh JVM with the Functions Framework invoker, the
 * jar on its {@code --classpath} (so the function gets the invoker's isolating class loader), the
 * settings in the process environment (the no-arg constructors), against DynamoDB Local, the
 * Pub/Sub fake and the sandbox in this JVM. Measures the cold start: process start until the first
 * request or event is answered.
 */
@ExtendWith(DynamoDbLocal.class)
class GcfInvokerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalGcp gcp;
  private static DynamoDbClient dynamoDb;
  private static Map<String, String> env;
  private static final List<Process> PROCESSES = new ArrayList<>();

  @BeforeAll
  static void start() {
    gcp = LocalGcp.start(2, 10);
    dynamoDb = DynamoDbLocal.client();
    env = new java.util.HashMap<>(gcp.environment(LocalGcp.freshTables(dynamoDb)));
    env.put(
        GcfSettings.DYNAMODB_ENDPOINT,
        dynamoDb.serviceClientConfiguration().endpointOverride().orElseThrow().toString());
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_REGION", "us-east-1");
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process process : PROCESSES) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    gcp.close();
    dynamoDb.close();
  }

  @Test
  void shadedJar_underTheInvoker_triggersAndSyncs_coldStartsMeasured() throws Exception {
    int triggerPort = freePort();
    long triggerStart = System.nanoTime();
    launch("io.cloudledger.gcf.SyncTriggerFunction", triggerPort, "trigger");
    waitUntilListening(triggerPort);
    double triggerInit = (System.nanoTime() - triggerStart) / 1e9;
    HttpResponse<String> accepted =
        firstAnswer(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + triggerPort + "/sync"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    double triggerSeconds = (System.nanoTime() - triggerStart) / 1e9;
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(gcp.pubsub.unacknowledged(LocalGcp.SUBSCRIPTION)).isEqualTo(2);

    int workerPort = freePort();
    long workerStart = System.nanoTime();
    launch("io.cloudledger.gcf.SyncWorkerFunction", workerPort, "worker");
    PubSubPush push =
        new PubSubPush(
            gcp.pubsub,
            LocalGcp.SUBSCRIPTION,
            LocalGcp.TOPIC,
            URI.create("http://127.0.0.1:" + workerPort + "/"));
    waitUntilListening(workerPort);
    double workerInit = (System.nanoTime() - workerStart) / 1e9;
    int firstEvent = push.deliverOne(Mode.BINARY);
    double workerSeconds = (System.nanoTime() - workerStart) / 1e9;
    assertThat(firstEvent).isEqualTo(200);
    assertThat(push.deliverOne(Mode.STRUCTURED)).isEqualTo(200);

    String jar = shadedJar().getFileName().toString();
    String report =
        String.format(
            "shaded jar %s: %,d bytes%n"
                + "trigger: JVM start -> listening %.2f s, -> first POST /sync answered 202 %.2f s%n"
                + "worker: JVM start -> listening %.2f s, -> first Pub/Sub CloudEvent handled"
                + " (project synced) %.2f s%n"
                + "load average: %s%n",
            jar,
            Files.size(shadedJar()),
            triggerInit,
            triggerSeconds,
            workerInit,
            workerSeconds,
            Files.readString(Path.of("/proc/loadavg")).strip());
    Files.writeString(Path.of("target", "gcf-cold-start.txt"), report);
    System.out.print(report);
  }

  private static void launch(String target, int port, String name) throws IOException {
    Path invoker =
        Path.of(
            URI.create(
                Invoker.class.getProtectionDomain().getCodeSource().getLocation().toString()));
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-jar",
                invoker.toString(),
                "--classpath",
                shadedJar().toString(),
                "--target",
                target,
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "gcf-it-" + name + ".log").toFile());
    builder.environment().putAll(env);
    PROCESSES.add(builder.start());
  }

  private static Path shadedJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-gcf.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("run after package: no target/*-gcf.jar"));
    }
  }

  private static HttpResponse<String> firstAnswer(HttpRequest request) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(20);
      }
    }
  }

  private static void waitUntilListening(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(20);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
