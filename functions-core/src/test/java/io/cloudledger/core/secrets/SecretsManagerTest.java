package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsManagerTest {
  private static final String VALUE = "s3cr3t-value-never-printed";

  @Test
  void get_asksStoresByPriority_lowerNumberFirst() {
    var app = new InMemorySecretStore("keystore-app", 75).with("db", "from-app");
    var user = new InMemorySecretStore("keystore-user", 50).with("db", "from-user");
    var manager = new SecretsManager(List.of(app, user));

    assertThat(manager.get("db")).contains(SecretValue.of("from-user"));
    assertThat(manager.stores())
        .extracting(SecretStore::name)
        .containsExactly("keystore-user", "keystore-app");
  }

  @Test
  void get_whenFirstStoreLacksSecret_fallsThroughToNext() {
    var user = new InMemorySecretStore("keystore-user", 50);
    var app = new InMemorySecretStore("keystore-app", 75).with("db", "from-app");
    var manager = new SecretsManager(List.of(user, app));

    assertThat(manager.get("db")).contains(SecretValue.of("from-app"));
    assertThat(manager.get("missing")).isEmpty();
  }

  @Test
  void get_whenStoreFails_skipsItWithWarningNamingStoreAndSecretButNotValue() {
    var broken = new InMemorySecretStore("keystore-user", 50).failWith("wrong password");
    var app = new InMemorySecretStore("keystore-app", 75).with("db", VALUE);
    var manager = new SecretsManager(List.of(broken, app));

    try (LogCapture logs = LogCapture.of(SecretsManager.class)) {
      assertThat(manager.get("db")).contains(SecretValue.of(VALUE));

      assertThat(logs.lines())
          .singleElement()
          .asString()
          .startsWith("WARN")
          .contains("keystore-user", "'db'", "wrong password")
          .doesNotContain(VALUE);
    }
  }

  @Test
  void get_whenNotFoundAndSomeStoresFailed_errorNamesFailedStores() {
    var broken = new InMemorySecretStore("aws_secrets", 200).failWith("endpoint unreachable");
    var user = new InMemorySecretStore("keystore-user", 50);
    var manager = new SecretsManager(List.of(broken, user));

    assertThatThrownBy(() -> manager.get("db"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("'db'")
        .hasMessageContaining("aws_secrets (endpoint unreachable)")
        .hasMessageNotContaining("keystore-user");
  }

  @Test
  void set_withoutStoreName_writesToFirstWritableStore() {
    var env = new EnvironmentSecretStore(Map.of());
    var user = new InMemorySecretStore("keystore-user", 50);
    var app = new InMemorySecretStore("keystore-app", 75);
    var manager = new SecretsManager(List.of(app, env, user));

    assertThat(manager.set("db", SecretValue.of(VALUE))).isEqualTo("keystore-user");
    assertThat(user.contents()).containsEntry("db", SecretValue.of(VALUE));
    assertThat(app.contents()).isEmpty();
  }

  @Test
  void set_withStoreName_writesToThatStore() {
    var user = new InMemorySecretStore("keystore-user", 50);
    var app = new InMemorySecretStore("keystore-app", 75);
    var manager = new SecretsManager(List.of(user, app));

    assertThat(manager.set("db", SecretValue.of(VALUE), "keystore-app")).isEqualTo("keystore-app");
    assertThat(app.contents()).containsKey("db");
    assertThat(user.contents()).isEmpty();
    assertThat(manager.get("db", "keystore-app")).contains(SecretValue.of(VALUE));
  }

  @Test
  void set_toReadOnlyStore_failsWithReadOnlyErrorWithoutValue() {
    var manager = new SecretsManager(List.of(new EnvironmentSecretStore(Map.of())));

    Throwable error = catchThrowable(() -> manager.set("db", SecretValue.of(VALUE), "env"));

    assertThat(error)
        .isInstanceOf(ReadOnlySecretStoreException.class)
        .hasMessageContaining("read-only")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void set_whenNoStoreIsWritable_failsNamingTheStores() {
    var manager = new SecretsManager(List.of(new EnvironmentSecretStore(Map.of())));

    assertThatThrownBy(() -> manager.set("db", SecretValue.of(VALUE)))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("no writable secret store")
        .hasMessageContaining("env (read-only)")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void anyOperation_withUnknownStoreName_listsKnownStores() {
    var manager =
        new SecretsManager(
            List.of(
                new InMemorySecretStore("keystore-user", 50),
                new InMemorySecretStore("keystore-app", 75)));

    Throwable error = catchThrowable(() -> manager.set("db", SecretValue.of(VALUE), "vault"));

    assertThat(error)
        .isInstanceOf(UnknownSecretStoreException.class)
        .hasMessage("unknown secret store 'vault'; configured stores: keystore-user, keystore-app")
        .hasMessageNotContaining(VALUE);
    assertThatThrownBy(() -> manager.get("db", "vault"))
        .isInstanceOf(UnknownSecretStoreException.class);
    assertThatThrownBy(() -> manager.delete("db", "vault"))
        .isInstanceOf(UnknownSecretStoreException.class);
  }

  @Test
  void createRandom_writesToFirstWritableStoreAndReturnsValue() {
    var user = new InMemorySecretStore("keystore-user", 50);
    var manager = new SecretsManager(List.of(user, new EnvironmentSecretStore(Map.of())));

    SecretValue value = manager.createRandom("api_key", 32, RandomSecrets.ALPHANUMERIC);

    assertThat(value.length()).isEqualTo(32);
    assertThat(user.contents()).containsEntry("api_key", value);
  }

  @Test
  void delete_withoutStoreName_removesFromEveryWritableStoreHoldingIt() {
    var user = new InMemorySecretStore("keystore-user", 50).with("db", "a");
    var app = new InMemorySecretStore("keystore-app", 75).with("db", "b");
    var other = new InMemorySecretStore("other", 80);
    var env = new EnvironmentSecretStore(Map.of("CLOUDLEDGER_SECRET_DB", "c"));
    var manager = new SecretsManager(List.of(user, app, other, env));

    assertThat(manager.delete("db")).containsExactly("keystore-user", "keystore-app");
    assertThat(user.contents()).isEmpty();
    assertThat(app.contents()).isEmpty();
    // The environment is read-only and keeps answering.
    assertThat(manager.get("db")).contains(SecretValue.of("c"));
  }

  @Test
  void delete_whenAWritableStoreFails_errorSaysWhereItWasDeletedAndWhatFailed() {
    var user = new InMemorySecretStore("keystore-user", 50).with("db", VALUE);
    var broken = new InMemorySecretStore("aws_secrets", 200).failWith("access denied");
    var manager = new SecretsManager(List.of(user, broken));

    assertThatThrownBy(() -> manager.delete("db"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("deleted from: keystore-user")
        .hasMessageContaining("aws_secrets (access denied)")
        .hasMessageNotContaining(VALUE);
    assertThat(user.contents()).isEmpty();
  }

  @Test
  void list_givesNamesWithTheirStoreAndMarksShadowedCopies_andReportsFailedStores() {
    var user = new InMemorySecretStore("keystore-user", 50).with("db", VALUE).with("b", VALUE);
    var app = new InMemorySecretStore("keystore-app", 75).with("db", VALUE);
    var broken = new InMemorySecretStore("aws_secrets", 200).failWith("throttled");
    var manager = new SecretsManager(List.of(app, broken, user));

    SecretListing listing;
    try (LogCapture logs = LogCapture.of(SecretsManager.class)) {
      listing = manager.list();

      assertThat(logs.all()).contains("WARN", "aws_secrets", "throttled").doesNotContain(VALUE);
    }

    assertThat(listing.secrets())
        .containsExactly(
            new ListedSecret("b", "keystore-user", false),
            new ListedSecret("db", "keystore-user", false),
            new ListedSecret("db", "keystore-app", true));
    assertThat(listing.failures()).containsExactly(new StoreFailure("aws_secrets", "throttled"));
    assertThat(listing.toString()).doesNotContain(VALUE);
  }

  @Test
  void health_reportsEveryStore() {
    var user = new InMemorySecretStore("keystore-user", 50);
    var broken = new InMemorySecretStore("aws_secrets", 200).failWith("unreachable");
    var manager = new SecretsManager(List.of(broken, user));

    assertThat(manager.health())
        .containsExactly(
            StoreHealth.up("keystore-user", "in memory"),
            StoreHealth.down("aws_secrets", "unreachable"));
  }

  @Test
  void constructor_rejectsDuplicateStoreNames() {
    assertThatThrownBy(
            () ->
                new SecretsManager(
                    List.of(new InMemorySecretStore("a", 1), new InMemorySecretStore("a", 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
  }
}
