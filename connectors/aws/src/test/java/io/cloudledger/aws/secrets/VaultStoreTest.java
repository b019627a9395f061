package io.cloudledger.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.vault.VaultAuth;
import io.cloudledger.core.secrets.vault.VaultStore;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.vault.VaultRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vault-specific behaviour of {@link VaultStore} against the sandbox's KV v2 engine. */
class VaultStoreTest {
  static Sandbox sandbox;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  VaultStore store(VaultAuth auth, String prefix) {
    return new VaultStore(
        "vault", 150, sandbox.endpoints().base(), "secret", Optional.empty(), prefix, auth, HTTP);
  }

  @Test
  void wrongToken_failsNamingTheStoreAndPermission_notTheToken() {
    VaultStore store = store(new VaultAuth.Token(SecretValue.of("hvs.wrong-token-123")), "");

    assertThatThrownBy(() -> store.get("db_password"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("'vault'")
        .hasMessageContaining("permission denied")
        .message()
        .doesNotContain("hvs.wrong-token-123");
    assertThat(store.health().healthy()).isTrue(); // sys/health needs no token
  }

  @Test
  void wrongAppRoleSecret_failsTheLogin_withoutEchoingIt() {
    VaultStore store =
        store(
            new VaultAuth.AppRole(VaultRoute.APPROLE_ROLE_ID, SecretValue.of("not-the-secret-id")),
            "");

    assertThatThrownBy(() -> store.get("x"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("AppRole login")
        .message()
        .doesNotContain("not-the-secret-id");
  }

  @Test
  void metadata_comesFromTheKvMetadataEndpoint() {
    VaultStore store = store(new VaultAuth.Token(SecretValue.of(VaultRoute.ROOT_TOKEN)), "meta/");
    java.time.Instant before = java.time.Instant.now().minusSeconds(2);
    store.set("api_key", SecretValue.of("first"));
    store.set("api_key", SecretValue.of("second"));

    io.cloudledger.core.secrets.SecretMetadata metadata = store.metadata("api_key").orElseThrow();

    assertThat(metadata.version()).contains("2");
    assertThat(metadata.created()).hasValueSatisfying(t -> assertThat(t).isAfter(before));
    assertThat(metadata.updated().orElseThrow()).isAfterOrEqualTo(metadata.created().orElseThrow());
    assertThat(metadata.tags()).isEmpty();
    assertThat(store.metadata("missing")).isEmpty();
  }

  @Test
  void set_writesNewVersions_readableByVersionThroughTheHttpApi() throws Exception {
    VaultStore store = store(new VaultAuth.Token(SecretValue.of(VaultRoute.ROOT_TOKEN)), "ver/");
    store.set("api_key", SecretValue.of("first"));
    store.set("api_key", SecretValue.of("second"));

    assertThat(store.get("api_key")).contains(SecretValue.of("second"));
    assertThat(raw("secret/data/ver/api_key?version=1")).contains("\"value\":\"first\"");
    assertThat(raw("secret/metadata/ver/api_key")).contains("\"current_version\":2");
  }

  @Test
  void checkAndSet_withStaleVersion_isRefusedLikeVault() throws Exception {
    VaultStore store = store(new VaultAuth.Token(SecretValue.of(VaultRoute.ROOT_TOKEN)), "cas/");
    store.set("k", SecretValue.of("v1"));

    HttpResponse<String> stale =
        HTTP.send(
            HttpRequest.newBuilder(sandbox.endpoints().base().resolve("/v1/secret/data/cas/k"))
                .header("X-Vault-Token", VaultRoute.ROOT_TOKEN)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"options\":{\"cas\":0},\"data\":{\"value\":\"x\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(stale.body()).contains("check-and-set parameter did not match the current version");
    assertThat(store.get("k")).contains(SecretValue.of("v1"));
  }

  private String raw(String path) throws Exception {
    URI uri = sandbox.endpoints().base().resolve("/v1/" + path);
    return HTTP.send(
            HttpRequest.newBuilder(uri)
                .header("X-Vault-Token", VaultRoute.ROOT_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
