package io.cloudledger.sandbox.azure;

import io.cloudledger.sandbox.AzurePrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox's Entra ID directory: app registrations with their password credentials (client
 * secrets), which the token endpoint checks and Graph's {@code addPassword}/{@code removePassword}
 * change, and the bearer tokens issued to them. A removed or expired password no longer gets a
 * token, as in Entra ID.
 */
public final class AzureDirectory {
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

  /** An app registration: Graph's object {@code id} and the client (application) id. */
  public record Application(String objectId, String appId, String displayName) {}

  /** A password credential as Graph lists it: never its secret text. */
  public record PasswordCredential(
      String keyId, String displayName, String hint, Instant start, Instant end) {}

  /** A password credential just added, with the secret text Graph returns only once. */
  public record NewPassword(PasswordCredential credential, String secretText) {
    @Override
    public String toString() {
      return "NewPassword[credential=" + credential + ", secretText=***]";
    }
  }

  private record StoredPassword(PasswordCredential credential, byte[] secret) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AzureTokens tokens = new AzureTokens();
  private final Map<String, Application> applications = new LinkedHashMap<>();
  private final Map<String, List<StoredPassword>> passwords = new LinkedHashMap<>();

  /** A directory holding the sandbox principal's app, whose one password is its client secret. */
  public AzureDirectory(AzurePrincipal principal, Clock clock) {
    this.clock = clock;
    Application app =
        new Application(
            UUID.nameUUIDFromBytes(("app:" + principal.clientId()).getBytes(StandardCharsets.UTF_8))
                .toString(),
            principal.clientId(),
            "cloudledger-sandbox");
    applications.put(app.objectId(), app);
    List<StoredPassword> list = new ArrayList<>();
    list.add(stored(principal.clientSecret(), "sandbox", clock.instant(), farFuture()));
    passwords.put(app.objectId(), list);
  }

  /** The sandbox principal's own app registration. */
  public synchronized Application principalApplication() {
    return applications.values().iterator().next();
  }

  /** Registers a new app with one password (as the portal's "New client secret" would). */
  public synchronized NewApplication register(String displayName) {
    Application app =
        new Application(UUID.randomUUID().toString(), UUID.randomUUID().toString(), displayName);
    applications.put(app.objectId(), app);
    passwords.put(app.objectId(), new ArrayList<>());
    NewPassword first = addPassword(app.objectId(), "initial", Optional.empty()).orElseThrow();
    return new NewApplication(app, first);
  }

  /** An app just registered with its first password. */
  public record NewApplication(Application application, NewPassword password) {}

  public synchronized Optional<Application> application(String objectId) {
    return Optional.ofNullable(applications.get(objectId));
  }

  public synchronized Optional<Application> applicationByAppId(String appId) {
    return applications.values().stream().filter(a -> a.appId().equals(appId)).findFirst();
  }

  /** The app's password credentials, oldest first, without their secrets. */
  public synchronized List<PasswordCredential> passwords(String objectId) {
    return passwords.getOrDefault(objectId, List.of()).stream()
        .map(StoredPassword::credential)
        .toList();
  }

  /** Adds a password to the app; empty when there is no such app. */
  public synchronized Optional<NewPassword> addPassword(
      String objectId, String displayName, Optional<Instant> end) {
    List<StoredPassword> list = passwords.get(objectId);
    if (list == null) {
      return Optional.empty();
    }
    String secret = newSecretText();
    StoredPassword password =
        stored(
            secret,
            displayName,
            clock.instant(),
            end.orElse(clock.instant().plus(730, ChronoUnit.DAYS)));
    list.add(password);
    return Optional.of(new NewPassword(password.credential(), secret));
  }

  /** Removes the app's password {@code keyId}; returns whether it was there. */
  public synchronized boolean removePassword(String objectId, String keyId) {
    List<StoredPassword> list = passwords.get(objectId);
    return list != null && list.removeIf(p -> p.credential().keyId().equalsIgnoreCase(keyId));
  }

  /**
   * Whether {@code secret} is a current (not removed, not expired) password of app {@code appId}.
   */
  public synchronized boolean acceptsSecret(String appId, String secret) {
    Optional<Application> app = applicationByAppId(appId);
    if (app.isEmpty() || secret == null) {
      return false;
    }
    Instant now = clock.instant();
    byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
    boolean accepted = false;
    for (StoredPassword password : passwords.get(app.get().objectId())) {
      boolean current =
          !now.isBefore(password.credential().start()) && now.isBefore(password.credential().end());
      // Compare against every password, so the time taken does not tell which one matched.
      accepted |= MessageDigest.isEqual(password.secret(), presented) && current;
    }
    return accepted;
  }

  String issueToken(String appId, String audience) {
    return tokens.issue(appId, audience);
  }

  Optional<AzureTokens.IssuedToken> token(String bearer) {
    return tokens.lookup(bearer);
  }

  private StoredPassword stored(String secret, String displayName, Instant start, Instant end) {
    PasswordCredential credential =
        new PasswordCredential(
            UUID.randomUUID().toString(), displayName, secret.substring(0, 3), start, end);
    return new StoredPassword(credential, secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Shaped like Entra ID's: three characters, a version marker {@code 8Q~}, then the rest. */
  private String newSecretText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      text.append(SECRET_ALPHABET.charAt(random.nextInt(52)));
    }
    text.append("8Q~");
    for (int i = 0; i < 34; i++) {
      text.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
    }
    return text.toString();
  }

  private static Instant farFuture() {
    return Instant.parse("2299-12-31T00:00:00Z");
  }
}
