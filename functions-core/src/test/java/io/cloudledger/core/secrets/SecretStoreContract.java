package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every {@link SecretStore} keeps, written once. Each connector runs it against
 * its stores through their real clients by extending this class and naming them in {@link
 * #stores()}; so the local keystore, the environment, AWS Secrets Manager, Vault, Azure Key Vault
 * and GCP Secret Manager are all held to the same behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SecretStoreContract {
  protected static final SecretValue ALPHA = SecretValue.of("alpha-value-7Qk");
  protected static final SecretValue BETA = SecretValue.of("beta-value-p9Z");

  /** Opens one kind of store already holding {@code secrets}. */
  public interface StoreKind {
    SecretStore open(Map<String, SecretValue> secrets);
  }

  /** A store kind with the label the parameterized tests are named by. */
  public record Kind(String label, StoreKind kind) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** The stores under test; each call of a kind opens a store isolated from the others. */
  protected abstract Stream<Kind> stores();

  protected static Map<String, SecretValue> seeded() {
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
