package io.cloudledger.core.secrets.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cloudledger.core.secrets.SecretValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process holding the keystore lock makes a writer time out, then lets it through. */
class KeystoreLockAcrossProcessesTest {
  private static final String PASSWORD = "lock-test-password";
  private static final String VALUE = "value-that-must-not-leak-2718";

  @TempDir Path dir;

  @Test
  void lockHeldByAnotherProcess_writerTimesOutNamingFile_thenSucceedsAfterRelease()
      throws Exception {
    Path file = dir.resolve("keystore-user.clks");
    LocalKeystore keystore =
        TestKeystores.fast(file, PASSWORD).lockTimeout(Duration.ofMillis(400)).build();
    keystore.set("a", SecretValue.of("1"));
    byte[] before = Files.readAllBytes(file);

    Process holder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                KeystoreLockHolderMain.class.getName(),
                KeystoreLock.lockFileOf(file).toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      var out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");

      Throwable error = catchThrowable(() -> keystore.set("b", SecretValue.of(VALUE)));

      assertThat(error)
          .isInstanceOf(KeystoreLockTimeoutException.class)
          .hasMessageContaining("timed out after 400 ms waiting for the lock on keystore " + file)
          .hasMessageNotContaining(VALUE);
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
    } finally {
      holder.getOutputStream().close(); // the holder releases the lock and exits
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }

    keystore.set("b", SecretValue.of(VALUE));
    assertThat(keystore.list()).containsExactly("a", "b");
  }
}
