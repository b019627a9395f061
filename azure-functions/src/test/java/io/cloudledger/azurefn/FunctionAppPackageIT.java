package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.azure.queue.Azurite;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The function app folder {@code mvn package} wrote with azure-functions-maven-plugin: one {@code
 * function.json} per function with the bindings the host needs, {@code host.json}, and a {@code
 * lib/} with only the Azure and DynamoDB pieces. Then the folder's classpath in a fresh JVM: the
 * cold start of the first HTTP call and the first queue message.
 */
@ExtendWith({DynamoDbLocal.class, Azurite.class})
class FunctionAppPackageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path APP = Path.of("target/azure-functions/cloudledger");
  private static final long MAX_PACKAGE_BYTES = 40L * 1024 * 1024;

  private static JsonNode function(String name) throws IOException {
    return JSON.readTree(APP.resolve(name).resolve("function.json").toFile());
  }

  private static JsonNode trigger(String name) throws IOException {
    return function(name).get("bindings").get(0);
  }

  @Test
  void package_hasOneFunctionJsonPerFunctionWithItsTrigger() throws IOException {
    try (Stream<Path> entries = Files.list(APP)) {
      assertThat(entries.filter(p -> Files.exists(p.resolve("function.json"))))
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder(
              "fanOut",
              "costFanOut",
              "syncWorker",
              "syncRequest",
              "syncStatus",
              "secretNearExpiry");
    }
    assertThat(trigger("fanOut").get("type").asText()).isEqualTo("timerTrigger");
    assertThat(trigger("fanOut").get("schedule").asText()).isEqualTo("%CLOUDLEDGER_SCHEDULE%");
    assertThat(trigger("costFanOut").get("type").asText()).isEqualTo("timerTrigger");
    assertThat(trigger("costFanOut").get("schedule").asText())
        .isEqualTo("%CLOUDLEDGER_COST_SCHEDULE%");

    JsonNode queue = trigger("syncWorker");
    assertThat(queue.get("type").asText()).isEqualTo("queueTrigger");
    assertThat(queue.get("queueName").asText()).isEqualTo("%CLOUDLEDGER_QUEUE_NAME%");
    assertThat(queue.get("connection").asText()).isEqualTo("AzureWebJobsStorage");

    JsonNode post = trigger("syncRequest");
    assertThat(post.get("type").asText()).isEqualTo("httpTrigger");
    assertThat(post.get("route").asText()).isEqualTo("sync");
    assertThat(post.get("methods")).extracting(JsonNode::asText).containsExactly("POST");
    assertThat(post.get("authLevel").asText()).isEqualTo("FUNCTION");
    assertThat(function("syncRequest").get("bindings").get(1).get("type").asText())
        .isEqualTo("http");
    JsonNode get = trigger("syncStatus");
    assertThat(get.get("route").asText()).isEqualTo("sync/{requestId}");
    assertThat(get.get("methods")).extracting(JsonNode::asText).containsExactly("GET");
    assertThat(get.get("authLevel").asText()).isEqualTo("FUNCTION");

    assertThat(trigger("secretNearExpiry").get("type").asText()).isEqualTo("eventGridTrigger");
  }

  @Test
  void package_entryPointsAreTheFunctionMethods() throws Exception {
    for (String name :
        List.of(
            "fanOut",
            "costFanOut",
            "syncWorker",
            "syncRequest",
            "syncStatus",
            "secretNearExpiry")) {
      JsonNode function = function(name);
      assertThat(function.get("scriptFile").asText()).startsWith("../azure-functions-");
      String entryPoint = function.get("entryPoint").asText();
      int dot = entryPoint.lastIndexOf('.');
      Class<?> type = Class.forName(entryPoint.substring(0, dot));
      Method method =
          Arrays.stream(type.getMethods())
              .filter(m -> m.getName().equals(entryPoint.substring(dot + 1)))
              .findFirst()
              .orElseThrow();
      assertThat(method.getAnnotation(FunctionName.class).value()).isEqualTo(name);
      assertThat(method.getParameterTypes()).contains(ExecutionContext.class);
      assertThat(type.getConstructor())
          .as("%s needs a public no-arg constructor", type)
          .isNotNull();
    }
  }

  @Test
  void package_hostJsonSetsTheQueueRetriesAndBase64() throws IOException {
    JsonNode queues = JSON.readTree(APP.resolve("host.json").toFile()).at("/extensions/queues");

    assertThat(queues.get("maxDequeueCount").asInt()).isEqualTo(5);
    assertThat(queues.get("messageEncoding").asText()).isEqualTo("base64");
  }

  @Test
  void package_libHoldsOnlyTheAzureAndDynamoDbPiecesAndStaysSmall() throws IOException {
    List<String> jars;
    try (Stream<Path> lib = Files.list(APP.resolve("lib"))) {
      jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(jars)
        .anyMatch(j -> j.startsWith("dynamodb-"))
        .anyMatch(j -> j.startsWith("azure-storage-queue-"))
        .anyMatch(j -> j.startsWith("azure-resourcemanager-compute-"))
        .noneMatch(j -> j.matches("(ec2|s3|sqs|sts|iam|secretsmanager|costexplorer)-[0-9].*"))
        .noneMatch(j -> j.startsWith("netty") || j.startsWith("azure-core-http-netty"))
        .noneMatch(j -> j.startsWith("apache-client") || j.startsWith("httpclient"))
        .noneMatch(j -> j.startsWith("bcprov"));
    long folder = size(APP);
    long zip = zipSize(APP);
    System.out.printf(
        "function app: %d jars in lib/, folder %.1f MB, zip (as deployed) %.1f MB%n",
        jars.size(), folder / 1e6, zip / 1e6);
    Files.writeString(
        Path.of("target/package-size.txt"),
        "folder=" + folder + " zip=" + zip + " jars=" + jars.size() + "\n");
    assertThat(zip).isLessThan(MAX_PACKAGE_BYTES);
  }

  @Test
  void coldStart_ofTheFunctionAppClasspath_handlesTheFirstCallAndMessage() throws Exception {
    try (LocalAzure local = LocalAzure.start(1, 20)) {
      Map<String, String> env = local.freshDeployment();
      List<String> classpath = new ArrayList<>();
      classpath.add(APP.resolve("azure-functions-0.1.0-SNAPSHOT.jar").toString());
      try (Stream<Path> lib = Files.list(APP.resolve("lib"))) {
        lib.forEach(jar -> classpath.add(jar.toString()));
      }
      // The Java worker provides the core library (ExecutionContext, HttpRequestMessage...),
      // which the plugin leaves out of lib/; the probe and its test types come from here.
      classpath.add(jarOf(ExecutionContext.class));
      classpath.add(Path.of("target/test-classes").toString());
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  String.join(File.pathSeparator, classpath),
                  ColdStartProbe.class.getName())
              .redirectErrorStream(true);
      builder.environment().putAll(env);
      Process probe = builder.start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();

      String line =
          output.lines().filter(l -> l.startsWith("COLD-START")).findFirst().orElse(output);
      System.out.println(line);
      Files.writeString(Path.of("target/cold-start.txt"), line + "\n");
      assertThat(line).startsWith("COLD-START status=202");
      assertThat(LocalAzure.storedIds(env, LocalAzure.key(local.subscriptions().getFirst())))
          .isEqualTo(LocalAzure.expectedIds(local.subscriptions().getFirst()));
    }
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static long size(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** The size of the folder zipped, as zip deploy uploads it. */
  private static long zipSize(Path folder) throws IOException {
    Path zip = Files.createTempFile("function-app", ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream zipped = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        zipped.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
        Files.copy(file, zipped);
        zipped.closeEntry();
      }
    }
    long size = Files.size(zip);
    Files.delete(zip);
    return size;
  }
}
