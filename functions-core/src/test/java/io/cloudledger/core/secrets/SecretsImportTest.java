package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsImportTest {
  private static final String VALUE_A = "alpha-value-9f8e";
  private static final String VALUE_B = "bravo-value-7d6c";
  private static final String VALUE_C = "charlie-value-5b4a";

  @TempDir Path dir;

  private final InMemorySecretStore user = new InMemorySecretStore("keystore-user", 50);
  private final InMemorySecretStore app = new InMemorySecretStore("keystore-app", 75);
  private final SecretsManager manager =
      new SecretsManager(List.of(new EnvironmentSecretStore(Map.of()), user, app));

  private Path secretsFile(String yaml) throws Exception {
    Path file = dir.resolve("secrets.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Path threeSecrets() throws Exception {
    return secretsFile(
        "aws_prod_external_id: "
            + VALUE_A
            + "\nazure_client_secret: \""
            + VALUE_B
            + "\"\ngcp_sa_key: '"
            + VALUE_C
            + "'\n");
  }

  @Test
  void import_storesEveryKeyInDefaultWritableStore_thenDeletesTheFile() throws Exception {
    Path file = threeSecrets();

    ImportResult result = new SecretsImport(manager).importFile(file);

    assertThat(result.store()).isEqualTo("keystore-user");
    assertThat(result.imported())
        .containsExactly("aws_prod_external_id", "azure_client_secret", "gcp_sa_key");
    assertThat(user.contents())
        .containsEntry("aws_prod_external_id", SecretValue.of(VALUE_A))
        .containsEntry("azure_client_secret", SecretValue.of(VALUE_B))
        .containsEntry("gcp_sa_key", SecretValue.of(VALUE_C));
    assertThat(file).doesNotExist();
    assertThat(result.toString()).doesNotContain(VALUE_A, VALUE_B, VALUE_C);
  }

  @Test
  void import_intoNamedStore() throws Exception {
    Path file = threeSecrets();

    ImportResult result = new SecretsImport(manager).importFile(file, "keystore-app");

    assertThat(result.store()).isEqualTo("keystore-app");
    assertThat(app.contents()).hasSize(3);
    assertThat(user.contents()).isEmpty();
  }

  @Test
  void import_keepsScalarsExactlyAsWritten() throws Exception {
    Path file = secretsFile("pin: 0123\nflag: yes\nratio: 1.50\nhex: 0x1F\nempty: ''\n");

    new SecretsImport(manager).importFile(file);

    assertThat(user.contents())
        .containsEntry("pin", SecretValue.of("0123"))
        .containsEntry("flag", SecretValue.of("yes"))
        .containsEntry("ratio", SecretValue.of("1.50"))
        .containsEntry("hex", SecretValue.of("0x1F"))
        .containsEntry("empty", SecretValue.of(""));
  }

  @Test
  void import_whenOneKeyFails_keepsFileAndNamesStoredAndFailedKeysWithoutValues() throws Exception {
    Path file = threeSecrets();
    user.rejectWritesOf("azure_client_secret");

    SecretsImportException error;
    try (LogCapture logs = LogCapture.of(SecretsImport.class);
        LogCapture managerLogs = LogCapture.of(SecretsManager.class)) {
      error =
          catchThrowableOfType(
              SecretsImportException.class, () -> new SecretsImport(manager).importFile(file));

      assertThat(logs.all() + managerLogs.all()).doesNotContain(VALUE_A, VALUE_B, VALUE_C);
      assertThat(logs.all()).contains("WARN", "file was kept");
    }

    assertThat(file).exists();
    assertThat(error.stored()).containsExactly("aws_prod_external_id", "gcp_sa_key");
    assertThat(error.failed()).containsOnlyKeys("azure_client_secret");
    assertThat(error.getMessage())
        .contains("imported 2 of 3 secrets", "the file was kept")
        .contains("Stored: aws_prod_external_id, gcp_sa_key")
        .contains("Failed: azure_client_secret (store 'keystore-user' rejected")
        .doesNotContain(VALUE_A, VALUE_B, VALUE_C);
  }

  @Test
  void import_whenReadBackDiffers_keepsFileAndReportsIt() throws Exception {
    Path file = threeSecrets();
    user.garbleReadsOf("gcp_sa_key");

    SecretsImportException error =
        catchThrowableOfType(
            SecretsImportException.class, () -> new SecretsImport(manager).importFile(file));

    assertThat(file).exists();
    assertThat(error.failed()).containsEntry("gcp_sa_key", "read back a different value");
    assertThat(error.getMessage()).doesNotContain(VALUE_C, VALUE_C + "-garbled");
  }

  @Test
  void import_whenWholeStoreFails_storesNothingAndKeepsFile() throws Exception {
    Path file = threeSecrets();
    user.failWith("keystore locked");

    SecretsImportException error =
        catchThrowableOfType(
            SecretsImportException.class, () -> new SecretsImport(manager).importFile(file));

    assertThat(file).exists();
    assertThat(error.getMessage()).contains("imported 0 of 3", "Stored: (none)");
    assertThat(error.failed()).hasSize(3);
  }

  @Test
  void import_withUnknownStore_failsBeforeReadingAndKeepsFile() throws Exception {
    Path file = threeSecrets();

    Throwable error = catchThrowable(() -> new SecretsImport(manager).importFile(file, "vault"));

    assertThat(error)
        .isInstanceOf(UnknownSecretStoreException.class)
        .hasMessageContaining("env, keystore-user, keystore-app");
    assertThat(file).exists();
  }

  @Test
  void import_ofMalformedYaml_storesNothing_andErrorQuotesNoValue() throws Exception {
    String value = "broken-value-\"unterminated";
    Path file = secretsFile("good: fine\nbad: \"" + value + "\n  : [\n");

    Throwable error = catchThrowable(() -> new SecretsImport(manager).importFile(file));

    assertThat(error)
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("is not valid YAML (line")
        .hasMessageNotContaining("broken-value")
        .hasMessageNotContaining("fine")
        .hasNoCause();
    assertThat(user.contents()).isEmpty();
    assertThat(file).exists();
  }

  @Test
  void import_rejectsNestedNullDuplicateAndBadNames_beforeStoringAnything() throws Exception {
    assertImportFails("a: x\nnested:\n  inner: " + VALUE_A + "\n", "'nested'", "not a map or list");
    assertImportFails("a: x\nnothing:\n", "'nothing'", "has no value");
    assertImportFails("a: " + VALUE_A + "\na: " + VALUE_B + "\n", "'a' appears twice");
    assertImportFails("a: x\n\"bad name\": " + VALUE_A + "\n", "entry 2", "invalid name");
    assertImportFails("- " + VALUE_A + "\n", "must be a flat map");
    assertImportFails("", "is empty");
    assertImportFails("a: x\n---\nb: " + VALUE_A + "\n", "more than one YAML document");
    assertThat(user.contents()).isEmpty();
  }

  @Test
  void import_ofMissingFile_isClearError() {
    Path missing = dir.resolve("nope.yaml");

    assertThat(catchThrowable(() -> new SecretsImport(manager).importFile(missing)))
        .isInstanceOf(SecretStoreException.class)
        .hasMessage("secrets file " + missing + " does not exist");
  }

  private void assertImportFails(String yaml, String... messageParts) throws Exception {
    Path file = secretsFile(yaml);

    Throwable error = catchThrowable(() -> new SecretsImport(manager).importFile(file));

    assertThat(error).isInstanceOf(SecretStoreException.class);
    assertThat(error.getMessage()).contains(messageParts).doesNotContain(VALUE_A, VALUE_B);
    assertThat(file).exists();
  }
}
