package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cloudledger.core.secrets.keystore.KdfParameters;
import io.cloudledger.core.secrets.keystore.KeystoreWrongPasswordException;
import io.cloudledger.core.secrets.keystore.LocalKeystore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager over real keystore files and the environment, as the CLI wires them. */
class SecretsManagerWithKeystoresTest {
  private static final KdfParameters FAST_KDF = KdfParameters.argon2id(256, 1, 1);
  private static final String USER_PASSWORD = "user-keystore-password";
  private static final String APP_PASSWORD = "app-keystore-password";
  private static final String VALUE = "value-from-app-keystore-31415";

  @TempDir Path home;

  private LocalKeystore keystore(String file, String name, int priority, String password) {
    return LocalKeystore.builder(home.resolve(file))
        .name(name)
        .priority(priority)
        .password(password.toCharArray())
        .kdfParameters(FAST_KDF)
        .build();
  }

  @Test
  void userKeystoreWithWrongPassword_isSkippedWithWarning_appKeystoreAnswers() {
    keystore("keystore-user.clks", "keystore-user", 50, USER_PASSWORD)
        .set("other", SecretValue.of("x"));
    keystore("keystore-app.clks", "keystore-app", 75, APP_PASSWORD)
        .set("db", SecretValue.of(VALUE));
    var manager =
        new SecretsManager(
            List.of(
                new EnvironmentSecretStore(Map.of()),
                keystore("keystore-user.clks", "keystore-user", 50, "typo"),
                keystore("keystore-app.clks", "keystore-app", 75, APP_PASSWORD)));

    try (LogCapture logs = LogCapture.of(SecretsManager.class)) {
      assertThat(manager.get("db")).contains(SecretValue.of(VALUE));
      Throwable write = catchThrowable(() -> manager.set("db", SecretValue.of(VALUE)));

      assertThat(logs.all())
          .contains("keystore-user", "'db'", "wrong password")
          .doesNotContain(VALUE, USER_PASSWORD, APP_PASSWORD, "typo");
      assertThat(write)
          .isInstanceOf(KeystoreWrongPasswordException.class)
          .hasMessageNotContaining(VALUE)
          .hasMessageNotContaining("typo");
    }
  }

  @Test
  void environmentOverridesKeystores_andImportGoesToTheUserKeystore() throws Exception {
    LocalKeystore user = keystore("keystore-user.clks", "keystore-user", 50, USER_PASSWORD);
    var manager =
        new SecretsManager(
            List.of(user, new EnvironmentSecretStore(Map.of("CLOUDLEDGER_SECRET_DB", "from-env"))));
    Path yaml = home.resolve("secrets.yaml");
    Files.writeString(yaml, "db: " + VALUE + "\napi_key: k\n");

    ImportResult result = new SecretsImport(manager).importFile(yaml);

    assertThat(result.store()).isEqualTo("keystore-user");
    assertThat(yaml).doesNotExist();
    assertThat(manager.get("db")).contains(SecretValue.of("from-env"));
    assertThat(manager.get("db", "keystore-user")).contains(SecretValue.of(VALUE));
    assertThat(manager.list().secrets())
        .containsExactly(
            new ListedSecret("db", "env", false),
            new ListedSecret("api_key", "keystore-user", false),
            new ListedSecret("db", "keystore-user", true));
  }
}
