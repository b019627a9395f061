package io.cloudledger.azure.queue;

import com.azure.storage.queue.QueueClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Azurite queue service (npm {@code azurite} {@value #VERSION}) for the whole test run: started
 * by the first class using this extension on a free port, in memory, and stopped (SIGTERM, then
 * SIGKILL) when JUnit closes its root store. The package is installed once into {@code
 * ~/.cache/cloudledger/azurite} (or {@code $CLOUDLEDGER_CACHE/azurite}) with npm and reused by
 * later runs. Each test makes its own queues through {@link #freshQueueName(String)}.
 */
public final class Azurite implements BeforeAllCallback {
  public static final String VERSION = "3.37.0";

  /** Azurite's well-known development account (public, documented by Microsoft). */
  private static final String ACCOUNT = "devstoreaccount1";

  private static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final AtomicInteger QUEUES = new AtomicInteger();
  private static volatile int port;

  private record Server(Process process, Path workspace) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException, IOException {
      process.destroy(); // SIGTERM
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      try (var files = Files.walk(workspace)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Azurite.class.getName(), key -> start(), Server.class);
  }

  /** The connection string of the running Azurite (what {@code AzureWebJobsStorage} holds). */
  public static String connectionString() {
    if (port == 0) {
      throw new IllegalStateException("use @ExtendWith(Azurite.class) on the test class");
    }
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + KEY
        + ";QueueEndpoint=http://127.0.0.1:"
        + port
        + "/"
        + ACCOUNT
        + ";";
  }

  /** A client of {@code name} (base64 messages, as the Functions host uses), creating the queue. */
  public static QueueClient createQueue(String name) {
    QueueClient client = StorageQueues.client(connectionString(), name);
    client.createIfNotExists();
    return client;
  }

  /** A queue name no other test uses (lowercase letters, digits and dashes). */
  public static String freshQueueName(String stem) {
    return stem + "-" + QUEUES.incrementAndGet();
  }

  private static Server start() {
    Path script = installed().resolve("node_modules/azurite/dist/src/queue/main.js");
    try {
      int free = freePort();
      Path workspace = Files.createTempDirectory("azurite-");
      Path log = workspace.resolve("azurite.out");
      Process process =
          new ProcessBuilder(
                  List.of(
                      "node",
                      script.toString(),
                      "--queueHost",
                      "127.0.0.1",
                      "--queuePort",
                      Integer.toString(free),
                      "--inMemoryPersistence",
                      "--silent",
                      "--disableTelemetry",
                      "--skipApiVersionCheck",
                      "--disableProductStyleUrl"))
              .directory(workspace.toFile()) // nothing lands in the build's directory
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Server server = new Server(process, workspace);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!listening(free)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String output = Files.readString(log);
          server.close();
          throw new IllegalStateException(
              "Azurite (" + script + ") did not start on port " + free + ": " + output);
        }
        Thread.sleep(100);
      }
      port = free;
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Azurite with node: is Node.js installed?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Azurite", e);
    }
  }

  /** The npm prefix holding azurite@VERSION, installed there on first use. */
  private static Path installed() {
    String base = System.getenv("CLOUDLEDGER_CACHE");
    Path prefix =
        (base == null || base.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "cloudledger")
                : Path.of(base))
            .resolve("azurite");
    Path marker = prefix.resolve("node_modules/azurite/package.json");
    try {
      Files.createDirectories(prefix);
      // Builds of several modules (or several checkouts) may install at once: one at a time.
      try (FileChannel channel =
              FileChannel.open(
                  prefix.resolve(".install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!hasVersion(marker)) {
          npmInstall(prefix);
        }
        if (!hasVersion(marker)) {
          throw new IllegalStateException(
              "npm ran but azurite@" + VERSION + " is not in " + prefix.resolve("node_modules"));
        }
      }
      return prefix;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the Azurite cache in " + prefix, e);
    }
  }

  private static boolean hasVersion(Path packageJson) throws IOException {
    return Files.isRegularFile(packageJson)
        && Files.readString(packageJson).contains("\"version\": \"" + VERSION + "\"");
  }

  private static void npmInstall(Path prefix) throws IOException {
    List<String> command =
        List.of(
            "npm",
            "install",
            "--prefix",
            prefix.toString(),
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--loglevel=error",
            "azurite@" + VERSION);
    Process npm;
    try {
      npm = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the Azure Storage Queue tests need Azurite from npm, but npm was not found on PATH;"
              + " install Node.js 20+ with npm (e.g. apt-get install nodejs npm) or run: "
              + String.join(" ", command),
          e);
    }
    String output;
    try (InputStream out = npm.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException(
            "`" + String.join(" ", command) + "` failed:\n" + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      npm.destroyForcibly();
      throw new IllegalStateException("interrupted while installing Azurite", e);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
