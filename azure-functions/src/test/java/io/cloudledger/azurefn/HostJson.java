package io.cloudledger.azurefn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The queue settings of the app's own {@code host.json}, which the test host obeys. */
public record HostJson(int maxDequeueCount, Duration visibilityTimeout, int batchSize) {
  public static final Path SOURCE = Path.of("src/main/azure/host.json");

  public static HostJson read() {
    try {
      JsonNode queues =
          new ObjectMapper().readTree(Files.readString(SOURCE)).path("extensions").path("queues");
      return new HostJson(
          queues.path("maxDequeueCount").asInt(5),
          timeSpan(queues.path("visibilityTimeout").asText("00:00:00")),
          queues.path("batchSize").asInt(16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SOURCE.toAbsolutePath(), e);
    }
  }

  /** The same settings with another retry delay (tests do not wait 30 s between attempts). */
  public HostJson withVisibilityTimeout(Duration timeout) {
    return new HostJson(maxDequeueCount, timeout, batchSize);
  }

  private static Duration timeSpan(String hhmmss) {
    String[] parts = hhmmss.split(":");
    return Duration.ofHours(Long.parseLong(parts[0]))
        .plusMinutes(Long.parseLong(parts[1]))
        .plusMillis(Math.round(Double.parseDouble(parts[2]) * 1000));
  }
}
