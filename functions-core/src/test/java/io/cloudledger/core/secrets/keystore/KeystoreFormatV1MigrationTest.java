package io.cloudledger.core.secrets.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.SecretValue;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the committed format version 1 fixture written by {@link KeystoreV1FixtureGenerator}. */
class KeystoreFormatV1MigrationTest {
  @TempDir Path dir;

  private Path copyFixture() throws Exception {
    Path file = dir.resolve("keystore-user.clks");
    try (InputStream in = getClass().getResourceAsStream("/keystore/keystore-v1.clks")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void fixture_isFormatVersion1WithPbkdf2At600000Iterations() throws Exception {
    Path file = copyFixture();

    KeystoreHeader header = KeystoreHeader.parse(Files.readAllBytes(file), file);

    assertThat(header.version()).isEqualTo(1);
    assertThat(header.kdf()).isEqualTo(KdfParameters.pbkdf2(600_000));
  }

  @Test
  void v1File_isReadable_andNextWriteMigratesItToV2KeepingEverySecret() throws Exception {
    Path file = copyFixture();
    byte[] original = Files.readAllBytes(file);
    LocalKeystore keystore = TestKeystores.fast(file, KeystoreV1FixtureGenerator.PASSWORD).build();

    assertThat(keystore.list()).containsExactly("aws_prod_external_id", "azure_client_secret");
    assertThat(keystore.get("aws_prod_external_id"))
        .contains(SecretValue.of("v1-external-id-7f3a"));
    assertThat(Files.readAllBytes(file)).as("reading does not rewrite").isEqualTo(original);

    keystore.set("new_secret", SecretValue.of("written-after-migration"));

    KeystoreHeader migrated = KeystoreHeader.parse(Files.readAllBytes(file), file);
    assertThat(migrated.version()).isEqualTo(2);
    assertThat(migrated.kdf()).isEqualTo(TestKeystores.FAST_KDF);
    LocalKeystore reopened = TestKeystores.fast(file, KeystoreV1FixtureGenerator.PASSWORD).build();
    assertThat(reopened.list())
        .containsExactly("aws_prod_external_id", "azure_client_secret", "new_secret");
    KeystoreV1FixtureGenerator.SECRETS.forEach(
        (name, value) -> assertThat(reopened.get(name)).contains(SecretValue.of(value)));
  }

  @Test
  void v1File_withWrongPassword_isWrongPasswordError() throws Exception {
    Path file = copyFixture();

    assertThatThrownBy(() -> TestKeystores.fast(file, "nope").build().list())
        .isInstanceOf(KeystoreWrongPasswordException.class);
  }
}
