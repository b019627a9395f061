package io.cloudledger.azure.queue;

import com.azure.core.http.HttpClient;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import java.time.Duration;

/**
 * Builds {@link QueueClient}s the way the Functions host reads its queues: messages base64-encoded
 * ({@link QueueMessageEncoding#BASE64}), the JDK's HTTP client (the only one this product ships
 * with), and the storage SDK's own exponential retry for throttling, timeouts and 5xx.
 */
public final class StorageQueues {
  private static final int MAX_TRIES = 4;
  private static final Duration TRY_TIMEOUT = Duration.ofSeconds(30);

  private StorageQueues() {}

  /**
   * A client of {@code queueName} in the account of {@code connectionString} (an Azure Storage
   * connection string, e.g. the app setting {@code AzureWebJobsStorage}).
   */
  public static QueueClient client(String connectionString, String queueName) {
    if (connectionString == null || connectionString.isBlank()) {
      throw new IllegalArgumentException(
          "no storage connection string for queue '" + queueName + "'");
    }
    return new QueueClientBuilder()
        .connectionString(connectionString)
        .queueName(queueName)
        .messageEncoding(QueueMessageEncoding.BASE64)
        .httpClient(HttpClient.createDefault(new HttpClientOptions()))
        .retryOptions(
            new RequestRetryOptions(
                RetryPolicyType.EXPONENTIAL,
                MAX_TRIES,
                TRY_TIMEOUT,
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                null))
        .buildClient();
  }
}
