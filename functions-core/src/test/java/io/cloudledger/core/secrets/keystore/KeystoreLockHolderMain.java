package io.cloudledger.core.secrets.keystore;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A separate process for {@link KeystoreLockAcrossProcessesTest}: takes the OS lock on a keystore's
 * lock file, prints {@code locked}, and holds it until its standard input closes.
 */
public final class KeystoreLockHolderMain {
  private KeystoreLockHolderMain() {}

  public static void main(String[] args) throws Exception {
    Path lockFile = Path.of(args[0]);
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // hold the lock until the parent closes our stdin (or the process is destroyed)
      }
    }
  }
}
