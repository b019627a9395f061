package io.cloudledger.aws.inventory;

import io.cloudledger.aws.session.AwsClientSettings;
import java.util.Objects;

/**
 * How {@link AwsInventorySource} lists an account.
 *
 * @param parallelism scopes (region x type) listed at once per account, so one account stays within
 *     its API rate limits
 * @param pageSize {@code MaxResults} of EC2 describe calls (5-1000) and {@code max-buckets} of S3
 * @param clients retries and timeouts of the SDK clients
 */
public record AwsSourceSettings(int parallelism, int pageSize, AwsClientSettings clients) {
  /** EC2's bounds for {@code MaxResults}. */
  public static final int MIN_PAGE_SIZE = 5;

  public static final int MAX_PAGE_SIZE = 1000;

  public AwsSourceSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be within "
              + MIN_PAGE_SIZE
              + ".."
              + MAX_PAGE_SIZE
              + " (EC2 MaxResults), got "
              + pageSize);
    }
    Objects.requireNonNull(clients, "clients");
  }

  /** 8 scopes at once, pages of 1000, {@link AwsClientSettings#defaults()}. */
  public static AwsSourceSettings defaults() {
    return new AwsSourceSettings(8, MAX_PAGE_SIZE, AwsClientSettings.defaults());
  }

  public AwsSourceSettings withParallelism(int scopes) {
    return new AwsSourceSettings(scopes, pageSize, clients);
  }

  public AwsSourceSettings withPageSize(int size) {
    return new AwsSourceSettings(parallelism, size, clients);
  }

  public AwsSourceSettings withClients(AwsClientSettings settings) {
    return new AwsSourceSettings(parallelism, pageSize, settings);
  }
}
