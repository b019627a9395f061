package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a keystore, across threads and processes: an in-process lock per file, then
 * an OS lock ({@link FileChannel#tryLock()}) on a sibling {@code <file>.lock}, polled until a
 * deadline. The lock file is never deleted: deleting it would let two processes lock two different
 * inodes of the same name.
 */
final class KeystoreLock implements AutoCloseable {
  private static final long POLL_MILLIS = 20;
  // FileChannel locks belong to the whole JVM, so threads must be kept apart separately; this also
  // keeps one open channel per lock file, since on POSIX closing any channel to a file drops every
  // lock the process holds on it.
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private KeystoreLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  static Path lockFileOf(Path keystore) {
    return keystore.resolveSibling(keystore.getFileName() + ".lock");
  }

  static KeystoreLock acquire(Path keystore, Duration timeout) {
    Path lockFile = lockFileOf(keystore);
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock threadLock =
        IN_PROCESS.computeIfAbsent(keystore.toAbsolutePath().normalize(), p -> new ReentrantLock());
    try {
      if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new KeystoreLockTimeoutException(keystore, lockFile, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeystoreLockTimeoutException(keystore, lockFile, timeout);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              lockFile,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              OwnerOnlyFiles.file());
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          return new KeystoreLock(threadLock, channel, lock);
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new KeystoreLockTimeoutException(keystore, lockFile, timeout);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw new SecretStoreException(
          "cannot open the lock file " + lockFile + " of keystore " + keystore + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      threadLock.unlock();
      throw new KeystoreLockTimeoutException(keystore, lockFile, timeout);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // another channel in this JVM (not ours) holds it: keep polling
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to recover: the lock was not taken
      }
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      throw new SecretStoreException("cannot release the keystore lock: " + e, e);
    } finally {
      threadLock.unlock();
    }
  }
}
