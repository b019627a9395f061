package io.cloudledger.aws.secrets;

import io.cloudledger.core.secrets.EnvironmentSecretStore;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreContract;
import io.cloudledger.core.secrets.SecretValue;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One contract for every secret store, each through its real client: the local keystore (a file),
 * the environment (read-only), AWS Secrets Manager (the SDK client against the sandbox, with and
 * without a name prefix) and HashiCorp Vault KV v2 (its HTTP API against the sandbox, token and
 * AppRole login).
 */
class SecretStoreConformanceTest extends SecretStoreContract {

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

  @Override
  protected Stream<Kind> stores() {
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
}
