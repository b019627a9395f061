package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSecretStoreTest {
  private static final String VALUE = "external-id-value-0001";

  private final EnvironmentSecretStore store =
      new EnvironmentSecretStore(
          Map.of(
              "CLOUDLEDGER_SECRET_AWS_PROD_EXTERNAL_ID", VALUE,
              "CLOUDLEDGER_SECRET_AZURE_CLIENT_SECRET", "other",
              "CLOUDLEDGER_SECRET_", "ignored: empty name",
              "PATH", "/usr/bin"));

  @Test
  void variableName_prefixesAndUpperCases() {
    assertThat(EnvironmentSecretStore.variableName("aws_prod_external_id"))
        .isEqualTo("CLOUDLEDGER_SECRET_AWS_PROD_EXTERNAL_ID");
    assertThat(EnvironmentSecretStore.variableName("team/db-main.password"))
        .isEqualTo("CLOUDLEDGER_SECRET_TEAM_DB_MAIN_PASSWORD");
  }

  @Test
  void get_readsTheMappedVariable() {
    assertThat(store.get("aws_prod_external_id")).contains(SecretValue.of(VALUE));
    assertThat(store.get("path")).isEmpty();
    assertThat(store.get("missing")).isEmpty();
  }

  @Test
  void list_derivesSecretNamesBackFromVariables() {
    assertThat(store.list()).containsExactly("aws_prod_external_id", "azure_client_secret");
  }

  @Test
  void defaults_nameEnvPriority25ReadOnly() {
    assertThat(store.name()).isEqualTo("env");
    assertThat(store.priority()).isEqualTo(25);
    assertThat(store.writable()).isFalse();
    assertThat(store.health().healthy()).isTrue();
  }

  @Test
  void writes_failWithReadOnlyErrorNamingStoreAndSecretButNotValue() {
    Throwable set = catchThrowable(() -> store.set("aws_prod_external_id", SecretValue.of(VALUE)));
    Throwable delete = catchThrowable(() -> store.delete("aws_prod_external_id"));
    Throwable random = catchThrowable(() -> store.createRandom("x", 10, "ab"));

    assertThat(set)
        .isInstanceOf(ReadOnlySecretStoreException.class)
        .hasMessageContaining("'env' is read-only")
        .hasMessageContaining("'aws_prod_external_id'")
        .hasMessageNotContaining(VALUE);
    assertThat(delete).isInstanceOf(ReadOnlySecretStoreException.class);
    assertThat(random).isInstanceOf(ReadOnlySecretStoreException.class);
  }
}
