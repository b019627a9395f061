package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretValue;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process for {@link KeystoreTwoProcessesTest}: waits for a start file, then writes
 * {@code count} secrets named {@code <prefix><i>} one write at a time. The password comes from
 * {@code CLOUDLEDGER_KEYSTORE_PASSWORD}, as in a container.
 */
public final class KeystoreWriterMain {
  private KeystoreWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path keystoreFile = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    Path startSignal = Path.of(args[3]);
    LocalKeystore keystore =
        LocalKeystore.builder(keystoreFile)
            .password(
                KeystorePasswordSource.environmentOnly(System.getenv()).forKeystore(keystoreFile))
            .kdfParameters(TestKeystores.FAST_KDF)
            .lockTimeout(Duration.ofSeconds(60))
            .build();
    // Both processes start writing at the same moment, so their writes really interleave.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!java.nio.file.Files.exists(startSignal)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no start signal");
      }
      Thread.sleep(5);
    }
    long first = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      keystore.set(prefix + i, SecretValue.of(prefix + "value-" + i));
    }
    long last = System.currentTimeMillis();
    // The test reads this line to check that the two processes' writes overlapped in time.
    System.out.println("window " + first + " " + last);
  }
}
