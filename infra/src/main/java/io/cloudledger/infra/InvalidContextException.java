package io.cloudledger.infra;

import java.util.List;

/** Thrown when the CDK context lacks a parameter or holds a malformed one; names every one. */
public final class InvalidContextException extends RuntimeException {
  private final List<String> problems;

  public InvalidContextException(List<String> problems) {
    super("cloudledger cannot synthesize:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per missing or malformed parameter. */
  public List<String> problems() {
    return problems;
  }
}
