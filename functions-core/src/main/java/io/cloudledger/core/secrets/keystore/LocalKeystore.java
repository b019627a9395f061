package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.SecretNames;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import io.cloudledger.core.secrets.keystore.KeyDerivation.DerivedKeys;
import io.cloudledger.core.secrets.keystore.KeystorePayload.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A password-protected secret store in one local file (e.g. {@code
 * ~/.cloudledger/keystore-user.clks}): AES-256-GCM over a JSON map, key from Argon2id (see {@link
 * KeystoreHeader} for the layout).
 *
 * <p>Every change is a read-modify-write under an exclusive lock shared by threads and processes:
 * re-read, decrypt, change, encrypt with a fresh random nonce, write a temp file, fsync, atomically
 * rename over the old file. The file is therefore either the old or the new version, never a mix,
 * and concurrent writers lose nothing. Reads take no lock: the rename makes them see one version.
 *
 * <p>The salt stays the same across writes, so the derived key is computed once per instance; a new
 * salt comes only with a new file, a password change or a migration from format version 1.
 */
public final class LocalKeystore implements SecretStore {
  public static final String USER_STORE_NAME = "keystore-user";
  public static final String APP_STORE_NAME = "keystore-app";
  public static final int USER_PRIORITY = 50;
  public static final int APP_PRIORITY = 75;
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
  public static final String LOCK_TIMEOUT_VARIABLE = "CLOUDLEDGER_KEYSTORE_LOCK_TIMEOUT";

  private static final Logger LOG = LoggerFactory.getLogger(LocalKeystore.class);
  private static final int TAG_BITS = KeystoreHeader.TAG_LENGTH * 8;

  private final Path file;
  private final String name;
  private final int priority;
  private final Supplier<char[]> passwordSupplier;
  private final Duration lockTimeout;
  private final KdfParameters kdfForNewFiles;
  private final SecureRandom random;
  private final Clock clock;

  private char[] password; // asked for once, on first use (it may prompt)
  private volatile CachedKeys cachedKeys;

  private record CachedKeys(KdfParameters kdf, byte[] salt, DerivedKeys keys) {
    boolean matches(KdfParameters otherKdf, byte[] otherSalt) {
      return kdf.equals(otherKdf) && Arrays.equals(salt, otherSalt);
    }
  }

  private record State(KeystoreHeader header, DerivedKeys keys, TreeMap<String, Entry> entries) {}

  private LocalKeystore(Builder builder) {
    this.file = builder.file.toAbsolutePath().normalize();
    this.name = builder.name;
    this.priority = builder.priority;
    this.passwordSupplier = Objects.requireNonNull(builder.password, "a password is required");
    this.lockTimeout = builder.lockTimeout;
    this.kdfForNewFiles = builder.kdf;
    this.random = builder.random;
    this.clock = builder.clock;
  }

  /** Options for the keystore at {@code file} (it is created on the first write). */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /**
   * The lock timeout from {@value #LOCK_TIMEOUT_VARIABLE} in {@code environment}: seconds ({@code
   * 30}), a unit suffix ({@code 500ms}, {@code 30s}, {@code 2m}) or ISO-8601 ({@code PT30S});
   * {@link #DEFAULT_LOCK_TIMEOUT} when unset.
   */
  public static Duration lockTimeoutFrom(Map<String, String> environment) {
    String text = environment.get(LOCK_TIMEOUT_VARIABLE);
    if (text == null || text.isBlank()) {
      return DEFAULT_LOCK_TIMEOUT;
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration timeout;
      if (value.startsWith("pt")) {
        timeout = Duration.parse(value);
      } else if (value.endsWith("ms")) {
        timeout = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        timeout = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        timeout = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        timeout = Duration.ofSeconds(Long.parseLong(value));
      }
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(
            LOCK_TIMEOUT_VARIABLE + " must not be negative, got '" + text + "'");
      }
      return timeout;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          LOCK_TIMEOUT_VARIABLE
              + " must be a duration such as 10, 10s, 500ms, 2m or PT10S, got '"
              + text
              + "'");
    }
  }

  /** The keystore file. */
  public Path file() {
    return file;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    SecretNames.requireValid(secretName);
    return readState()
        .map(state -> state.entries().get(secretName))
        .map(entry -> SecretValue.of(entry.value()));
  }

  @Override
  public void set(String secretName, SecretValue value) {
    SecretNames.requireValid(secretName);
    Objects.requireNonNull(value, "value");
    update(
        entries -> {
          String now = clock.instant().toString();
          Entry old = entries.get(secretName);
          entries.put(
              secretName, new Entry(value.reveal(), old == null ? now : old.created(), now));
          return null;
        });
  }

  @Override
  public boolean delete(String secretName) {
    SecretNames.requireValid(secretName);
    return update(entries -> entries.remove(secretName) != null);
  }

  @Override
  public List<String> list() {
    return readState().map(state -> List.copyOf(state.entries().keySet())).orElse(List.of());
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    SecretNames.requireValid(secretName);
    SecretValue value = RandomSecrets.generate(random, length, alphabet);
    set(secretName, value);
    return value;
  }

  @Override
  public StoreHealth health() {
    try {
      return readState()
          .map(
              state ->
                  StoreHealth.up(
                      name,
                      state.entries().size()
                          + " secret(s) in "
                          + file
                          + " (format version "
                          + state.header().version()
                          + ")"))
          .orElseGet(
              () ->
                  StoreHealth.up(
                      name, "no keystore at " + file + " yet; the first write creates it"));
    } catch (SecretStoreException e) {
      return StoreHealth.down(name, e.getMessage());
    }
  }

  /**
   * Re-encrypts the keystore under {@code newPassword} with a new salt; from then on this instance
   * uses the new password.
   */
  public void changePassword(char[] newPassword) {
    requirePassword(newPassword);
    char[] copy = newPassword.clone();
    try (KeystoreLock lock = KeystoreLock.acquire(file, lockTimeout)) {
      State state =
          readState()
              .orElseThrow(
                  () ->
                      new SecretStoreException(
                          "keystore " + file + " does not exist; there is no password to change"));
      byte[] salt = randomBytes(KeystoreHeader.SALT_LENGTH);
      DerivedKeys keys = KeyDerivation.derive(copy, kdfForNewFiles, salt);
      write(
          new KeystoreHeader(
              KeystoreHeader.CURRENT_VERSION,
              kdfForNewFiles,
              salt,
              keys.keyCheck(),
              randomBytes(KeystoreHeader.NONCE_LENGTH)),
          keys,
          state.entries());
      synchronized (this) {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
        password = copy;
      }
      cachedKeys = new CachedKeys(kdfForNewFiles, salt, keys);
    }
    LOG.info("changed the password of keystore {}", file);
  }

  private <T> T update(Function<TreeMap<String, Entry>, T> change) {
    createParentDirectory();
    try (KeystoreLock lock = KeystoreLock.acquire(file, lockTimeout)) {
      Optional<State> current = readState();
      TreeMap<String, Entry> before = current.map(State::entries).orElseGet(TreeMap::new);
      TreeMap<String, Entry> entries = new TreeMap<>(before);
      T result = change.apply(entries);
      if (entries.equals(before)) {
        return result; // nothing changed: leave the file (and its format version) alone
      }
      if (current.isPresent()
          && current.get().header().version() == KeystoreHeader.CURRENT_VERSION) {
        State state = current.get();
        write(
            state.header().withNonce(randomBytes(KeystoreHeader.NONCE_LENGTH)),
            state.keys(),
            entries);
      } else {
        // A new file, or one in an older format: new salt and the current KDF.
        current.ifPresent(
            state ->
                LOG.info(
                    "migrating keystore {} from format version {} to {}",
                    file,
                    state.header().version(),
                    KeystoreHeader.CURRENT_VERSION));
        byte[] salt = randomBytes(KeystoreHeader.SALT_LENGTH);
        DerivedKeys keys = KeyDerivation.derive(password(), kdfForNewFiles, salt);
        cachedKeys = new CachedKeys(kdfForNewFiles, salt, keys);
        write(
            new KeystoreHeader(
                KeystoreHeader.CURRENT_VERSION,
                kdfForNewFiles,
                salt,
                keys.keyCheck(),
                randomBytes(KeystoreHeader.NONCE_LENGTH)),
            keys,
            entries);
      }
      return result;
    }
  }

  private Optional<State> readState() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SecretStoreException("cannot read keystore " + file + ": " + e, e);
    }
    KeystoreHeader header = KeystoreHeader.parse(bytes, file);
    DerivedKeys keys = keysFor(header);
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, keys.aesKey(), new GCMParameterSpec(TAG_BITS, header.nonce()));
      cipher.updateAAD(bytes, 0, KeystoreHeader.LENGTH);
      plain = cipher.doFinal(bytes, KeystoreHeader.LENGTH, bytes.length - KeystoreHeader.LENGTH);
    } catch (AEADBadTagException e) {
      throw new KeystoreTamperedException(file, "the encrypted content", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    }
    try {
      return Optional.of(new State(header, keys, KeystorePayload.decode(plain, file)));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** The keys for this header, derived once per salt; a wrong password is never cached. */
  private DerivedKeys keysFor(KeystoreHeader header) {
    CachedKeys cached = cachedKeys;
    if (cached != null && cached.matches(header.kdf(), header.salt())) {
      if (MessageDigest.isEqual(cached.keys().keyCheck(), header.keyCheck())) {
        return cached.keys();
      }
      throw new KeystoreWrongPasswordException(file);
    }
    DerivedKeys keys = KeyDerivation.derive(password(), header.kdf(), header.salt());
    if (!MessageDigest.isEqual(keys.keyCheck(), header.keyCheck())) {
      throw new KeystoreWrongPasswordException(file);
    }
    cachedKeys = new CachedKeys(header.kdf(), header.salt(), keys);
    return keys;
  }

  private void write(KeystoreHeader header, DerivedKeys keys, Map<String, Entry> entries) {
    // Random 96-bit nonces under one key stay collision-safe for ~2^32 writes (NIST SP 800-38D),
    // far beyond a local keystore's life; a password change or migration also resets the key.
    byte[] headerBytes = header.encode();
    byte[] plain = KeystorePayload.encode(entries);
    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.aesKey(), new GCMParameterSpec(TAG_BITS, header.nonce()));
      cipher.updateAAD(headerBytes);
      ciphertext = cipher.doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    replaceAtomically(
        ByteBuffer.allocate(headerBytes.length + ciphertext.length)
            .put(headerBytes)
            .put(ciphertext)
            .flip());
  }

  /** Temp file in the same directory, fsync, atomic rename: readers see old or new, never half. */
  private void replaceAtomically(ByteBuffer content) {
    Path directory = file.getParent();
    Path temp = null;
    try {
      temp =
          Files.createTempFile(
              directory, "." + file.getFileName() + ".", ".tmp", OwnerOnlyFiles.file());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        while (content.hasRemaining()) {
          channel.write(content);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      syncDirectory(directory);
    } catch (IOException e) {
      throw new SecretStoreException("cannot write keystore " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the original file is intact; a stray temp file is harmless
        }
      }
    }
  }

  /**
   * Makes the rename itself durable; not every platform can open a directory, hence best effort.
   */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open directories; its rename is durable enough for this use
    }
  }

  private void createParentDirectory() {
    Path directory = file.getParent();
    if (!Files.isDirectory(directory)) {
      try {
        Files.createDirectories(directory, OwnerOnlyFiles.directory());
      } catch (IOException e) {
        throw new SecretStoreException(
            "cannot create the keystore directory " + directory + ": " + e, e);
      }
    }
  }

  private synchronized char[] password() {
    if (password == null) {
      char[] supplied = passwordSupplier.get();
      requirePassword(supplied);
      password = supplied.clone();
    }
    return password;
  }

  private void requirePassword(char[] candidate) {
    if (candidate == null || candidate.length == 0) {
      throw new SecretStoreException("no password was given for keystore " + file);
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "LocalKeystore[" + name + ", " + file + "]";
  }

  /** Options for a {@link LocalKeystore}; only the password is required. */
  public static final class Builder {
    private final Path file;
    private String name = USER_STORE_NAME;
    private int priority = USER_PRIORITY;
    private Supplier<char[]> password;
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private KdfParameters kdf = KdfParameters.DEFAULT;
    private SecureRandom random = new SecureRandom();
    private Clock clock = Clock.systemUTC();

    private Builder(Path file) {
      this.file = Objects.requireNonNull(file, "file");
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** The password; the array is copied, so the caller may clear it afterwards. */
    public Builder password(char[] password) {
      char[] copy = password.clone();
      this.password = () -> copy;
      return this;
    }

    /** Asked once, on first use: lets the CLI prompt only when the keystore is actually needed. */
    public Builder password(Supplier<char[]> password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    public Builder lockTimeout(Duration lockTimeout) {
      if (lockTimeout.isNegative()) {
        throw new IllegalArgumentException("the lock timeout must not be negative");
      }
      this.lockTimeout = lockTimeout;
      return this;
    }

    /**
     * Argon2id parameters for files this instance creates or migrates (existing files keep theirs).
     * Lower them only in tests.
     */
    public Builder kdfParameters(KdfParameters kdf) {
      if (kdf.algorithm() != KdfAlgorithm.ARGON2ID) {
        throw new IllegalArgumentException(
            "new keystores use Argon2id; " + kdf.algorithm() + " is only read, from old files");
      }
      this.kdf = kdf;
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public LocalKeystore build() {
      return new LocalKeystore(this);
    }
  }
}
