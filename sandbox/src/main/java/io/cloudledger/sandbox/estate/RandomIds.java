package io.cloudledger.sandbox.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic random values shaped like AWS identifiers and attributes. */
final class RandomIds {
  /** All times in the estate are relative to this fixed instant, never to the wall clock. */
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  RandomIds(SplittableRandom random) {
    this.random = random;
  }

  /** A generator for account {@code index} that does not depend on how many accounts exist. */
  static RandomIds forAccount(long seed, int index, int generation) {
    long mixed = seed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xBF58476D1CE4E5B9L;
    mixed ^= generation * 0x94D049BB133111EBL;
    return new RandomIds(new SplittableRandom(mixed));
  }

  String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  String awsId(String prefix) {
    return prefix + "-" + hex(17);
  }

  String accountId() {
    return Long.toString(100_000_000_000L + random.nextLong(900_000_000_000L));
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  Instant before(Instant reference, Duration within) {
    return reference.minusSeconds(1 + random.nextLong(within.toSeconds()));
  }

  String publicIp() {
    return pick(List.of(3, 13, 18, 34, 35, 44, 52, 54))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }
}
