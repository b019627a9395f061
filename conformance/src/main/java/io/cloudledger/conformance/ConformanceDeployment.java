package io.cloudledger.conformance;

import java.util.Objects;

/**
 * One fresh deployment of a runtime for one scenario: empty DynamoDB tables under {@code
 * tablePrefix} on the environment's DynamoDB endpoint, and a {@code name} that is unique in the
 * test run and safe as a queue, topic or function name (lower-case letters, digits and hyphens, at
 * most 40 characters), so a harness can make fresh queues for it.
 */
public record ConformanceDeployment(
    String name, String tablePrefix, ConformanceEnvironment environment) {

  public ConformanceDeployment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Objects.requireNonNull(environment, "environment");
    if (!name.matches("[a-z][a-z0-9-]{0,39}")) {
      throw new IllegalArgumentException(
          "deployment name must match [a-z][a-z0-9-]{0,39}: " + name);
    }
  }
}
