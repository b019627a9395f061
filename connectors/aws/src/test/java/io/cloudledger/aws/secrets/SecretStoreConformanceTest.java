package io.cloudledger.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cloudledger.core.secrets.EnvironmentSecretStore;
import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.ReadOnlySecretStoreException;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.core.secrets.keystore.KdfParameters;
import io.cloudledger.core.secrets.keystore.LocalKeystore;
import io.cloudledger.core.secrets.vault.VaultAuth;
import io.cloudledger.core.secrets.vault.VaultStore;
import io.cloudledger.sandbox.vault.VaultRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every secret store, each through its real client: the local keystore (a file),
 * the environment (read-only), AWS Secrets Manager (the SDK client against the sandbox, with and
 * without a name prefix) and HashiCorp Vault KV v2 (its HTTP API against the sandbox, token and
 * AppRole login).
 */
class SecretStoreConformanceTest {
  static final SecretValue ALPHA = SecretValue.of("alpha-value-7Qk");
  static final SecretValue BETA = SecretValue.of("beta-value-p9Z");

  static SandboxAws aws;
  static final AtomicInteger PREFIXES = new AtomicInteger();

  @BeforeAll
  static void start() {
    aws = new SandboxAws();
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  /** Opens one kind of store already holding {@code secrets}. */
  interface StoreKind {
    SecretStore open(Map<String, SecretValue> secrets);
  }

  record Kind(String label, StoreKind kind) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Kind> stores() {
    return Stream.of(
        new Kind("local keystore", SecretStoreConformanceTest::keystore),
        new Kind("environment", SecretStoreConformanceTest::environment),
        new Kind("aws secrets manager", secrets -> secretsManager("", secrets)),
        new Kind(
            "aws secrets manager with prefix",
            secrets -> secretsManager("team" + PREFIXES.incrementAndGet() + "/", secrets)),
        new Kind(
            "vault kv v2 (token)",
            secrets -> vault(new VaultAuth.Token(SecretValue.of(VaultRoute.ROOT_TOKEN)), secrets)),
        new Kind(
            "vault kv v2 (approle)",
            secrets ->
                vault(
                    new VaultAuth.AppRole(
                        VaultRoute.APPROLE_ROLE_ID, SecretValue.of(VaultRoute.APPROLE_SECRET_ID)),
                    secrets)));
  }

  static SecretStore keystore(Map<String, SecretValue> secrets) {
    try {
      Path dir = Files.createTempDirectory("conformance");
      LocalKeystore store =
          LocalKeystore.builder(dir.resolve("keystore.clks"))
              .password("conformance-password".toCharArray())
              .kdfParameters(KdfParameters.argon2id(256, 1, 1))
              .lockTimeout(Duration.ofSeconds(5))
              .build();
      secrets.forEach(store::set);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SecretStore environment(Map<String, SecretValue> secrets) {
    Map<String, String> variables = new HashMap<>();
    secrets.forEach((k, v) -> variables.put(EnvironmentSecretStore.variableName(k), v.reveal()));
    variables.put("PATH", "/usr/bin");
    return new EnvironmentSecretStore(variables);
  }

  static SecretStore secretsManager(String prefix, Map<String, SecretValue> secrets) {
    // Each store gets names of its own, so stores of one sandbox do not see each other.
    String isolation = prefix.isEmpty() ? "s" + PREFIXES.incrementAndGet() + "_" : prefix;
    AwsSecretsManagerStore store =
        new AwsSecretsManagerStore("aws_secrets", 200, isolation, aws.secretsManager());
    secrets.forEach(store::set);
    return store;
  }

  static SecretStore vault(VaultAuth auth, Map<String, SecretValue> secrets) {
    VaultStore store =
        new VaultStore(
            "vault",
            150,
            aws.sandbox.endpoints().base(),
            "secret",
            Optional.empty(),
            "cl" + PREFIXES.incrementAndGet() + "/",
            auth,
            HttpClient.newHttpClient());
    secrets.forEach(store::set);
    return store;
  }

  static Map<String, SecretValue> seeded() {
    Map<String, SecretValue> secrets = new LinkedHashMap<>();
    secrets.put("beta", BETA);
    secrets.put("alpha", ALPHA);
    return secrets;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void get_returnsStoredValue_andEmptyForUnknownName(Kind kind) {
    SecretStore store = kind.kind().open(seeded());

    assertThat(store.get("alpha")).contains(ALPHA);
    assertThat(store.get("beta")).contains(BETA);
    assertThat(store.get("gamma")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void list_returnsNamesSortedWithoutValues(Kind kind) {
    SecretStore store = kind.kind().open(seeded());

    assertThat(store.list()).containsExactly("alpha", "beta");
    assertThat(store.list().toString()).doesNotContain(ALPHA.reveal(), BETA.reveal());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void health_isUp_andNamesTheStore(Kind kind) {
    SecretStore store = kind.kind().open(seeded());

    assertThat(store.health().healthy()).isTrue();
    assertThat(store.health().store()).isEqualTo(store.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void set_overwrites_deleteRemoves_whenWritable(Kind kind) {
    SecretStore store = kind.kind().open(seeded());
    assumeThat(store.writable()).as("read-only stores are covered below").isTrue();

    store.set("alpha", BETA);
    assertThat(store.get("alpha")).contains(BETA);
    assertThat(store.delete("alpha")).isTrue();
    assertThat(store.delete("alpha")).isFalse();
    assertThat(store.get("alpha")).isEmpty();
    assertThat(store.list()).containsExactly("beta");
    store.set("alpha", ALPHA);
    assertThat(store.get("alpha")).contains(ALPHA);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void createRandom_storesAValueOfTheRequestedShape_whenWritable(Kind kind) {
    SecretStore store = kind.kind().open(Map.of());
    assumeThat(store.writable()).isTrue();

    SecretValue created = store.createRandom("generated", 40, RandomSecrets.ALPHANUMERIC);

    assertThat(created.reveal()).hasSize(40).matches("[A-Za-z0-9]+");
    assertThat(store.get("generated")).contains(created);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void writes_areRefusedWithoutEchoingTheValue_whenReadOnly(Kind kind) {
    SecretStore store = kind.kind().open(seeded());
    assumeThat(store.writable()).isFalse();

    assertThatThrownBy(() -> store.set("alpha", BETA))
        .isInstanceOf(ReadOnlySecretStoreException.class)
        .message()
        .doesNotContain(BETA.reveal());
    assertThatThrownBy(() -> store.delete("alpha"))
        .isInstanceOf(ReadOnlySecretStoreException.class);
    assertThatThrownBy(() -> store.createRandom("x", 10, RandomSecrets.ALPHANUMERIC))
        .isInstanceOf(ReadOnlySecretStoreException.class);
    assertThat(store.get("alpha")).contains(ALPHA);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void invalidName_isRefusedWithoutEchoingIt(Kind kind) {
    SecretStore store = kind.kind().open(seeded());

    assertThatThrownBy(() -> store.get("has space " + ALPHA.reveal()))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(ALPHA.reveal());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void secretsManager_asksTheStoreThroughThePort(Kind kind) {
    SecretStore store = kind.kind().open(seeded());

    SecretsManager manager = new SecretsManager(List.of(store));

    assertThat(manager.get("alpha")).contains(ALPHA);
  }
}
