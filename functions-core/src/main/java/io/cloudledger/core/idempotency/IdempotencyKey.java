package io.cloudledger.core.idempotency;

import java.util.Objects;

/**
 * What is processed at most once: an {@code id} within a {@code group} (for syncs, the account key
 * within a request id), so every item of a group can be read back together.
 */
public record IdempotencyKey(String group, String id) {

  public IdempotencyKey {
    requireText(group, "group");
    requireText(id, "id");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("an idempotency key's " + name + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return group + "/" + id;
  }
}
