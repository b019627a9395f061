package io.cloudledger.core.sync;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import java.util.Objects;
import java.util.Set;

/**
 * What one sync covers: the request it belongs to, one account, the resource types to list, and
 * what triggered it (e.g. {@code schedule}, {@code manual}, {@code cli}).
 */
public record SyncTarget(
    String requestId, AccountKey account, Set<ResourceType> types, String trigger) {

  public SyncTarget {
    requireText(requestId, "requestId");
    Objects.requireNonNull(account, "account");
    types = Set.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException(
          "a sync of " + account + " needs at least one resource type");
    }
    requireText(trigger, "trigger");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
