package io.cloudledger.core.worker;

import java.util.Objects;

/**
 * What one kind's sync of one account did: its status name (e.g. {@code SUCCEEDED}), the items it
 * looked at, and the items it wrote.
 */
public record KindResult(String status, long seen, long writes) {

  public KindResult {
    Objects.requireNonNull(status, "status");
  }
}
