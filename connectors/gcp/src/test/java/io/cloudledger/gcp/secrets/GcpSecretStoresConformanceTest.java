package io.cloudledger.gcp.secrets;

import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreContract;
import io.cloudledger.core.secrets.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract for GCP Secret Manager through the real {@code SecretManagerServiceClient}
 * (HTTP/JSON, service-account key, token from the sandbox) as the configuration opens it: without a
 * prefix (a project of its own, emptied for each store) and with one (a fresh prefix per store).
 */
class GcpSecretStoresConformanceTest extends SecretStoreContract {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static SandboxSecrets sandbox;
  private static final List<GcpSecretManagerStore> OPENED = new ArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = new SandboxSecrets();
  }

  @AfterAll
  static void stop() {
    OPENED.forEach(GcpSecretManagerStore::close);
    sandbox.close();
  }

  @Override
  protected Stream<Kind> stores() {
    return Stream.of(
        new Kind("gcp secret manager", secrets -> open(sandbox.project(1), "", secrets)),
        new Kind(
            "gcp secret manager with prefix",
            secrets ->
                open(sandbox.project(0), "team" + PREFIXES.incrementAndGet() + "-", secrets)));
  }

  private static SecretStore open(String project, String prefix, Map<String, SecretValue> secrets) {
    GcpSecretManagerStore store = sandbox.store(project, prefix);
    OPENED.add(store);
    if (prefix.isEmpty()) {
      store.list().forEach(store::delete); // the whole project is this store's
    }
    secrets.forEach(store::set);
    return store;
  }
}
