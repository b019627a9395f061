package io.cloudledger.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class AwsSecretsManagerStoreFailureTest {
  static final SecretValue VALUE = SecretValue.of("never-print-me-4711");

  SecretsManagerClient client;
  AwsSecretsManagerStore store;

  @BeforeEach
  void unreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    client =
        SecretsManagerClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
            .httpClient(
                UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1)).build())
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build();
    store = new AwsSecretsManagerStore("aws_secrets", 200, "", client);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void unreachableStore_isDownInHealth_andFailsNamingStoreAndSecretButNotTheValue() {
    assertThat(store.health().healthy()).isFalse();
    assertThat(store.health().detail()).contains("not reachable");

    assertThatThrownBy(() -> store.set("db_password", VALUE))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("aws_secrets")
        .hasMessageContaining("db_password")
        .message()
        .doesNotContain(VALUE.reveal());
    assertThatThrownBy(() -> store.get("db_password")).isInstanceOf(SecretStoreException.class);
  }
}
