package io.cloudledger.core.secrets.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeystoreTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String VALUE = "db-password-Qx7!never-shown";

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("home/.cloudledger/keystore-user.clks");
  }

  private LocalKeystore keystore() {
    return TestKeystores.fast(file(), PASSWORD).build();
  }

  private LocalKeystore withPassword(String password) {
    return TestKeystores.fast(file(), password).build();
  }

  @Test
  void roundTrip_setGetListDelete_acrossInstances() throws Exception {
    LocalKeystore writer = keystore();
    writer.set("db_password", SecretValue.of(VALUE));
    writer.set("api_key", SecretValue.of("k-1"));
    writer.set("api_key", SecretValue.of("k-2"));

    LocalKeystore reader = keystore();
    assertThat(reader.get("db_password")).contains(SecretValue.of(VALUE));
    assertThat(reader.get("api_key")).contains(SecretValue.of("k-2"));
    assertThat(reader.get("missing")).isEmpty();
    assertThat(reader.list()).containsExactly("api_key", "db_password");

    assertThat(reader.delete("api_key")).isTrue();
    assertThat(reader.delete("api_key")).isFalse();
    assertThat(writer.list()).containsExactly("db_password");
    assertThat(new String(Files.readAllBytes(file()), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(VALUE, "db_password");
  }

  @Test
  void emptyOrMissingFile_readsAsEmptyAndIsNotCreatedByReads() {
    LocalKeystore keystore = keystore();

    assertThat(keystore.get("x")).isEmpty();
    assertThat(keystore.list()).isEmpty();
    assertThat(keystore.delete("x")).isFalse();
    assertThat(keystore.health().healthy()).isTrue();
    assertThat(file()).doesNotExist();
  }

  @Test
  void write_createsOwnerOnlyFileAndDirectory_andLeavesNoTempFiles() throws Exception {
    keystore().set("a", SecretValue.of(VALUE));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
        .isEqualTo("rwx------");
    try (var siblings = Files.list(file().getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("keystore-user.clks", "keystore-user.clks.lock");
    }
  }

  @Test
  void writes_keepSaltAndKdfButUseAFreshNonceEachTime() throws Exception {
    LocalKeystore keystore = keystore();
    keystore.set("a", SecretValue.of("1"));
    KeystoreHeader first = header();
    keystore.set("a", SecretValue.of("2"));
    KeystoreHeader second = header();

    assertThat(second.version()).isEqualTo(KeystoreHeader.CURRENT_VERSION);
    assertThat(second.kdf()).isEqualTo(TestKeystores.FAST_KDF);
    assertThat(second.salt()).isEqualTo(first.salt());
    assertThat(second.keyCheck()).isEqualTo(first.keyCheck());
    assertThat(second.nonce()).isNotEqualTo(first.nonce());
  }

  @Test
  void set_keepsCreatedAndMovesUpdated() throws Exception {
    var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    LocalKeystore keystore = TestKeystores.fast(file(), PASSWORD).clock(clock).build();
    keystore.set("a", SecretValue.of("first-value"));
    clock.now = Instant.parse("2026-02-01T00:00:00Z");
    keystore.set("a", SecretValue.of(VALUE));

    // Decrypt through the same code path the store uses and look at the payload.
    var header = header();
    var keys = KeyDerivation.derive(PASSWORD.toCharArray(), header.kdf(), header.salt());
    var cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    byte[] bytes = Files.readAllBytes(file());
    cipher.init(
        javax.crypto.Cipher.DECRYPT_MODE,
        keys.aesKey(),
        new javax.crypto.spec.GCMParameterSpec(128, header.nonce()));
    cipher.updateAAD(bytes, 0, KeystoreHeader.LENGTH);
    byte[] plain =
        cipher.doFinal(bytes, KeystoreHeader.LENGTH, bytes.length - KeystoreHeader.LENGTH);
    var entry = KeystorePayload.decode(plain, file()).get("a");

    assertThat(entry.created()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(entry.updated()).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(entry.value()).isEqualTo(VALUE);
    assertThat(entry.toString()).doesNotContain(VALUE).contains("****");
  }

  @Test
  void wrongPassword_isItsOwnErrorWithoutValue_andLeavesFileUnchanged() throws Exception {
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] before = Files.readAllBytes(file());
    LocalKeystore wrong = withPassword("not the password");

    Throwable onRead = catchThrowable(() -> wrong.get("db_password"));
    Throwable onWrite = catchThrowable(() -> wrong.set("other", SecretValue.of(VALUE)));

    for (Throwable error : new Throwable[] {onRead, onWrite}) {
      assertThat(error)
          .isInstanceOf(KeystoreWrongPasswordException.class)
          .hasMessageContaining("wrong password for keystore " + file())
          .hasMessageNotContaining(VALUE)
          .hasMessageNotContaining(PASSWORD);
    }
    assertThat(wrong.health()).extracting(StoreHealth::healthy).isEqualTo(false);
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  @Test
  void flippedCiphertextByte_isTamperedError_notWrongPassword_andFileUnchanged() throws Exception {
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] bytes = Files.readAllBytes(file());
    bytes[KeystoreHeader.LENGTH + 5] ^= 0x01;
    Files.write(file(), bytes);
    LocalKeystore fresh = keystore();

    Throwable onRead = catchThrowable(() -> fresh.get("db_password"));
    Throwable onWrite = catchThrowable(() -> fresh.set("x", SecretValue.of(VALUE)));

    for (Throwable error : new Throwable[] {onRead, onWrite}) {
      assertThat(error)
          .isInstanceOf(KeystoreTamperedException.class)
          .hasMessageContaining("keystore file " + file() + " is corrupted or was tampered with")
          .hasMessageContaining("encrypted content")
          .hasMessageNotContaining(VALUE);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(bytes);
  }

  @Test
  void flippedTagByte_isTamperedError() throws Exception {
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] bytes = Files.readAllBytes(file());
    bytes[bytes.length - 1] ^= (byte) 0x80;
    Files.write(file(), bytes);

    assertThatThrownBy(() -> keystore().get("db_password"))
        .isInstanceOf(KeystoreTamperedException.class);
  }

  @Test
  void flippedHeaderByte_inSaltOrNonce_isTamperedError_notWrongPassword() throws Exception {
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] original = Files.readAllBytes(file());
    for (int offset : new int[] {7, 20, 40, 70, 80}) { // memory, salt, key check, nonce, digest
      byte[] bytes = original.clone();
      bytes[offset] ^= 0x04;
      Files.write(file(), bytes);

      Throwable error = catchThrowable(() -> keystore().get("db_password"));

      assertThat(error)
          .as("flipped header byte at offset %d", offset)
          .isInstanceOf(KeystoreTamperedException.class)
          .hasMessageContaining("the header")
          .hasMessageNotContaining(VALUE);
    }
  }

  @Test
  void headerWithRecomputedDigest_isStillRejectedByGcm() throws Exception {
    // A forger can fix the plain digest; the GCM tag over the header still catches a changed nonce.
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] bytes = Files.readAllBytes(file());
    KeystoreHeader header = KeystoreHeader.parse(bytes, file());
    byte[] nonce = header.nonce();
    nonce[0] ^= 0x01;
    System.arraycopy(header.withNonce(nonce).encode(), 0, bytes, 0, KeystoreHeader.LENGTH);
    Files.write(file(), bytes);

    assertThatThrownBy(() -> keystore().get("db_password"))
        .isInstanceOf(KeystoreTamperedException.class)
        .hasMessageContaining("encrypted content");
  }

  @Test
  void truncatedFile_isFormatErrorSayingTruncated() throws Exception {
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] bytes = Files.readAllBytes(file());
    Files.write(file(), Arrays.copyOf(bytes, 50));

    Throwable error = catchThrowable(() -> keystore().get("db_password"));

    assertThat(error)
        .isInstanceOf(KeystoreFormatException.class)
        .hasMessageContaining("is truncated: 50 bytes")
        .hasMessageNotContaining(VALUE);
    assertThat(Files.readAllBytes(file())).hasSize(50);
  }

  @Test
  void truncatedCiphertext_isTamperedError() throws Exception {
    keystore().set("db_password", SecretValue.of(VALUE));
    byte[] bytes = Files.readAllBytes(file());
    Files.write(file(), Arrays.copyOf(bytes, bytes.length - 10));

    assertThatThrownBy(() -> keystore().get("db_password"))
        .isInstanceOf(KeystoreTamperedException.class);
  }

  @Test
  void otherFile_isNotAKeystoreError() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "db_password: " + VALUE + "\n");

    Throwable error = catchThrowable(() -> keystore().list());

    assertThat(error)
        .isInstanceOf(KeystoreFormatException.class)
        .hasMessageContaining("is not a cloudledger keystore")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void newerFormatVersion_isClearError() throws Exception {
    keystore().set("a", SecretValue.of(VALUE));
    byte[] bytes = Files.readAllBytes(file());
    ByteBuffer.wrap(bytes).putShort(4, (short) 3);
    Files.write(file(), bytes);

    assertThatThrownBy(() -> keystore().get("a"))
        .isInstanceOf(KeystoreFormatException.class)
        .hasMessageContaining("format version 3, newer than this cloudledger reads (up to 2)");
  }

  @Test
  void lockHeldByAnotherHolder_timesOutNamingTheFile_andLeavesFileUnchanged() throws Exception {
    keystore().set("a", SecretValue.of(VALUE));
    byte[] before = Files.readAllBytes(file());
    LocalKeystore impatient =
        TestKeystores.fast(file(), PASSWORD).lockTimeout(Duration.ofMillis(300)).build();
    Path lockFile = file().resolveSibling("keystore-user.clks.lock");

    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      long start = System.nanoTime();
      Throwable error = catchThrowable(() -> impatient.set("b", SecretValue.of(VALUE)));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(held.isValid()).isTrue();
      assertThat(error)
          .isInstanceOf(KeystoreLockTimeoutException.class)
          .hasMessageContaining("timed out after 300 ms")
          .hasMessageContaining(file().toString())
          .hasMessageContaining(lockFile.toString())
          .hasMessageNotContaining(VALUE);
      assertThat(waitedMillis).isBetween(250L, 5_000L);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    // Once the holder lets go, writing works again.
    impatient.set("b", SecretValue.of("2"));
    assertThat(impatient.list()).containsExactly("a", "b");
  }

  @Test
  void threadsWritingConcurrently_loseNothing() throws Exception {
    LocalKeystore shared = keystore();
    var threads = new java.util.ArrayList<Thread>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      LocalKeystore own = thread % 2 == 0 ? shared : keystore(); // same and separate instances
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 10; i++) {
                      own.set("t" + thread + "_" + i, SecretValue.of("v" + i));
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(keystore().list()).hasSize(40);
  }

  @Test
  void createRandom_storesAndReturnsValueFromAlphabet_andValidates() {
    LocalKeystore keystore = keystore();

    SecretValue value = keystore.createRandom("token", 40, "abc123");

    assertThat(value.reveal()).hasSize(40).matches("[abc123]+");
    assertThat(keystore().get("token")).contains(value);
    assertThatThrownBy(() -> keystore.createRandom("token", 0, "ab"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keystore.createRandom("token", 4097, "ab"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keystore.createRandom("token", 8, "zz"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(keystore.get("token")).contains(value);
  }

  @Test
  void changePassword_reencryptsWithNewSalt_oldPasswordStopsWorking() throws Exception {
    LocalKeystore keystore = keystore();
    keystore.set("a", SecretValue.of(VALUE));
    byte[] oldSalt = header().salt();

    keystore.changePassword("a new password".toCharArray());

    assertThat(header().salt()).isNotEqualTo(oldSalt);
    assertThat(withPassword("a new password").get("a")).contains(SecretValue.of(VALUE));
    assertThatThrownBy(() -> keystore().get("a"))
        .isInstanceOf(KeystoreWrongPasswordException.class);
    keystore.set("b", SecretValue.of("after change"));
    assertThat(withPassword("a new password").list()).containsExactly("a", "b");
  }

  @Test
  void passwordSupplier_isAskedOnceAndOnlyWhenNeeded() {
    int[] asked = {0};
    LocalKeystore keystore =
        LocalKeystore.builder(file())
            .kdfParameters(TestKeystores.FAST_KDF)
            .password(
                () -> {
                  asked[0]++;
                  return PASSWORD.toCharArray();
                })
            .build();

    assertThat(keystore.list()).isEmpty();
    assertThat(asked[0]).isZero();
    keystore.set("a", SecretValue.of("1"));
    keystore.set("b", SecretValue.of("2"));
    assertThat(keystore.get("a")).isPresent();
    assertThat(asked[0]).isEqualTo(1);
  }

  @Test
  void toString_namesStoreAndFileOnly() {
    assertThat(keystore().toString())
        .isEqualTo("LocalKeystore[keystore-user, " + file() + "]")
        .doesNotContain(PASSWORD);
  }

  @Test
  void builder_rejectsPbkdf2ForNewFiles() {
    assertThatThrownBy(() -> LocalKeystore.builder(file()).kdfParameters(KdfParameters.pbkdf2(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Argon2id");
  }

  @Test
  void lockTimeoutFrom_parsesTheVariable() {
    assertThat(LocalKeystore.lockTimeoutFrom(java.util.Map.of())).isEqualTo(Duration.ofSeconds(10));
    assertThat(lockTimeout("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(lockTimeout("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(lockTimeout("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(lockTimeout("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(lockTimeout("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> lockTimeout("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CLOUDLEDGER_KEYSTORE_LOCK_TIMEOUT")
        .hasMessageContaining("'soon'");
  }

  @Test
  void missingPassword_isClearError() {
    LocalKeystore keystore = LocalKeystore.builder(file()).password(() -> new char[0]).build();

    assertThatThrownBy(() -> keystore.set("a", SecretValue.of(VALUE)))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("no password was given for keystore");
  }

  private static Duration lockTimeout(String value) {
    return LocalKeystore.lockTimeoutFrom(
        java.util.Map.of(LocalKeystore.LOCK_TIMEOUT_VARIABLE, value));
  }

  private KeystoreHeader header() throws Exception {
    return KeystoreHeader.parse(Files.readAllBytes(file()), file());
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
