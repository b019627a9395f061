package io.cloudledger.core.secrets.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.secrets.SecretValue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real, slow default KDF once, so the strong parameters are what a user gets. */
class KeystoreDefaultKdfTest {
  @TempDir Path dir;

  @Test
  void defaultBuilder_writesArgon2idWith64MiB3Passes1LaneIntoTheHeader() throws Exception {
    Path file = dir.resolve("keystore-user.clks");
    LocalKeystore keystore = LocalKeystore.builder(file).password("pw".toCharArray()).build();

    long start = System.nanoTime();
    keystore.set("a", SecretValue.of("1"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("first write with the default Argon2id parameters took " + millis + " ms");

    KeystoreHeader header = KeystoreHeader.parse(Files.readAllBytes(file), file);
    assertThat(header.version()).isEqualTo(2);
    assertThat(header.kdf().algorithm()).isEqualTo(KdfAlgorithm.ARGON2ID);
    assertThat(header.kdf().memoryKib()).isGreaterThanOrEqualTo(64 * 1024);
    assertThat(header.kdf().iterations()).isGreaterThanOrEqualTo(3);
    assertThat(header.kdf().parallelism()).isEqualTo(1);
    assertThat(header.kdf()).isEqualTo(KdfParameters.DEFAULT);
  }
}
