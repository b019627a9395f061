package io.cloudledger.aws.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width ISO-8601 strings ({@code 2026-11-01T00:00:00.000000000Z}): with a fixed
 * width, string order is time order, so DynamoDB condition expressions can compare them (a
 * tombstone raises {@code lastSeen} only if later).
 */
final class Timestamps {
  private Timestamps() {}

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  static String format(Instant instant) {
    return FORMAT.format(instant);
  }

  static Instant parse(String value) {
    return Instant.parse(value);
  }
}
