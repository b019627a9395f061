package io.cloudledger.core.secrets.keystore;

import java.nio.file.FileSystems;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Owner-only permissions (0600 files, 0700 directories) where the platform has POSIX modes. */
final class OwnerOnlyFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnlyFiles() {}

  static FileAttribute<?>[] file() {
    return POSIX ? new FileAttribute<?>[] {permissions("rw-------")} : new FileAttribute<?>[0];
  }

  static FileAttribute<?>[] directory() {
    return POSIX ? new FileAttribute<?>[] {permissions("rwx------")} : new FileAttribute<?>[0];
  }

  private static FileAttribute<?> permissions(String mode) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
  }
}
