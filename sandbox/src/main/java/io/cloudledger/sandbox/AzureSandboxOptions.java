package io.cloudledger.sandbox;

/**
 * The Azure part of a {@link SandboxOptions}: how many subscriptions the estate holds (each with
 * the AWS accounts' {@code resourcesPerAccount}), how many items an ARM list page carries before a
 * {@code nextLink}, and the {@code Retry-After} seconds of an injected 429.
 */
public record AzureSandboxOptions(int subscriptions, int pageSize, int retryAfterSeconds) {
  public static final int DEFAULT_PAGE_SIZE = 100;

  public AzureSandboxOptions {
    if (subscriptions < 0) {
      throw new IllegalArgumentException(
          "azure subscriptions must not be negative, was " + subscriptions);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("azure page size must be at least 1, was " + pageSize);
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException(
          "Retry-After must not be negative, was " + retryAfterSeconds);
    }
  }

  /** No subscriptions (AWS-only estates stay as they were), pages of 100, Retry-After 1 s. */
  public static AzureSandboxOptions none() {
    return new AzureSandboxOptions(0, DEFAULT_PAGE_SIZE, 1);
  }

  public AzureSandboxOptions withSubscriptions(int count) {
    return new AzureSandboxOptions(count, pageSize, retryAfterSeconds);
  }

  public AzureSandboxOptions withPageSize(int size) {
    return new AzureSandboxOptions(subscriptions, size, retryAfterSeconds);
  }

  public AzureSandboxOptions withRetryAfterSeconds(int seconds) {
    return new AzureSandboxOptions(subscriptions, pageSize, seconds);
  }
}
