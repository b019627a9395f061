package io.cloudledger.aws.sqs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits message bodies into {@code SendMessageBatch} groups: at most 10 entries and at most 256
 * KiB of bodies per group, SQS's two limits.
 */
final class MessageBatches {
  static final int MAX_ENTRIES = 10;
  static final int MAX_BYTES = 256 * 1024;

  private MessageBatches() {}

  /** Groups of indexes into {@code bodies}, in order. */
  static List<List<Integer>> split(List<String> bodies) {
    List<List<Integer>> batches = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < bodies.size(); i++) {
      int size = bodies.get(i).getBytes(StandardCharsets.UTF_8).length;
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(
            "message " + i + " has " + size + " bytes, more than SQS's " + MAX_BYTES);
      }
      if (current.size() == MAX_ENTRIES || bytes + size > MAX_BYTES) {
        batches.add(List.copyOf(current));
        current.clear();
        bytes = 0;
      }
      current.add(i);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return batches;
  }
}
