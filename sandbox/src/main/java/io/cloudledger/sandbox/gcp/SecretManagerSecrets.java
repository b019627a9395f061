package io.cloudledger.sandbox.gcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The secrets of every project, with Secret Manager's semantics: versions numbered from 1 per
 * secret; {@code latest} is the most recently created version whatever its state; disabled versions
 * cannot be accessed, destroyed ones lose their payload for good; a secret past its {@code
 * expireTime} is deleted with all its versions. One lock guards everything: calls are small.
 */
final class SecretManagerSecrets {
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern LABEL_KEY =
      Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
  private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");
  private static final Duration MIN_ROTATION_PERIOD = Duration.ofHours(1);
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");
  private static final int MAX_ALIASES = 50;

  /** A version's state, with the numbers {@code enum-encoding=int} clients expect. */
  enum State {
    ENABLED(1),
    DISABLED(2),
    DESTROYED(3);

    final int number;

    State(int number) {
      this.number = number;
    }
  }

  /** The settable part of a secret (create and patch). */
  record Settings(
      Map<String, String> labels,
      Map<String, String> annotations,
      List<String> topics,
      Optional<Instant> expireTime,
      Optional<Instant> nextRotationTime,
      Optional<Duration> rotationPeriod) {}

  static final class Secret {
    final String id;
    final Instant createTime;
    Settings settings;
    long etag;
    final List<Version> versions = new ArrayList<>();
    // version_aliases: alias -> version number, set only by UpdateSecret (mask version_aliases).
    Map<String, Long> aliases = new TreeMap<>();

    Secret(String id, Instant createTime, Settings settings, long etag) {
      this.id = id;
      this.createTime = createTime;
      this.settings = settings;
      this.etag = etag;
    }
  }

  static final class Version {
    final int number;
    final Instant createTime;
    State state = State.ENABLED;
    byte[] data;
    Instant destroyTime;
    long etag;

    Version(int number, Instant createTime, byte[] data, long etag) {
      this.number = number;
      this.createTime = createTime;
      this.data = data;
      this.etag = etag;
    }
  }

  private final Clock clock;
  private final Map<Long, TreeMap<String, Secret>> byProject = new HashMap<>();
  private long etags;

  SecretManagerSecrets(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  synchronized Secret create(long project, String projectName, String secretId, Settings settings) {
    if (!SECRET_ID.matcher(secretId).matches()) {
      throw invalid(
          "Invalid secret ID: it must be 1-255 characters of letters, numbers, hyphens and"
              + " underscores.");
    }
    validate(settings);
    TreeMap<String, Secret> secrets = secrets(project);
    if (secrets.containsKey(secretId)) {
      throw new GoogleApiException(
          GoogleApiErrors.alreadyExists(
              "Secret [" + secretName(projectName, secretId) + "] already exists."));
    }
    Secret secret = new Secret(secretId, now(), settings, ++etags);
    secrets.put(secretId, secret);
    return secret;
  }

  synchronized Secret get(long project, String projectName, String secretId) {
    Secret secret = secrets(project).get(secretId);
    if (secret == null) {
      throw new GoogleApiException(
          GoogleApiErrors.notFound(
              "Secret [" + secretName(projectName, secretId) + "] not found."));
    }
    return secret;
  }

  /** The project's secrets in name order. */
  synchronized List<Secret> list(long project) {
    return List.copyOf(secrets(project).values());
  }

  synchronized Secret patch(
      long project,
      String projectName,
      String secretId,
      Settings changed,
      Map<String, Long> aliases,
      String etag,
      List<String> mask) {
    Secret secret = get(project, projectName, secretId);
    if (!etag.isEmpty() && !etag.equals(etagText(secret.etag))) {
      throw new GoogleApiException(
          GoogleApiErrors.aborted(
              "The etag provided does not match the current etag of Secret ["
                  + secretName(projectName, secretId)
                  + "]."));
    }
    Settings s = secret.settings;
    Map<String, Long> newAliases = secret.aliases;
    for (String field : mask) {
      if (field.equals("version_aliases") || field.equals("versionAliases")) {
        newAliases = validAliases(secret, projectName, aliases);
        continue;
      }
      s =
          switch (field) {
            case "labels" ->
                new Settings(
                    changed.labels(),
                    s.annotations(),
                    s.topics(),
                    s.expireTime(),
                    s.nextRotationTime(),
                    s.rotationPeriod());
            case "annotations" ->
                new Settings(
                    s.labels(),
                    changed.annotations(),
                    s.topics(),
                    s.expireTime(),
                    s.nextRotationTime(),
                    s.rotationPeriod());
            case "topics" ->
                new Settings(
                    s.labels(),
                    s.annotations(),
                    changed.topics(),
                    s.expireTime(),
                    s.nextRotationTime(),
                    s.rotationPeriod());
            case "expire_time", "expireTime", "ttl" ->
                new Settings(
                    s.labels(),
                    s.annotations(),
                    s.topics(),
                    changed.expireTime(),
                    s.nextRotationTime(),
                    s.rotationPeriod());
            case "rotation" ->
                new Settings(
                    s.labels(),
                    s.annotations(),
                    s.topics(),
                    s.expireTime(),
                    changed.nextRotationTime(),
                    changed.rotationPeriod());
            case "rotation.next_rotation_time", "rotation.nextRotationTime" ->
                new Settings(
                    s.labels(),
                    s.annotations(),
                    s.topics(),
                    s.expireTime(),
                    changed.nextRotationTime(),
                    s.rotationPeriod());
            case "rotation.rotation_period", "rotation.rotationPeriod" ->
                new Settings(
                    s.labels(),
                    s.annotations(),
                    s.topics(),
                    s.expireTime(),
                    s.nextRotationTime(),
                    changed.rotationPeriod());
            default ->
                throw invalid(
                    "The update_mask field '" + field + "' is not supported for secrets.");
          };
    }
    validate(s);
    secret.settings = s;
    secret.aliases = newAliases;
    secret.etag = ++etags;
    return secret;
  }

  /**
   * Secret Manager's alias rules: at most 50; a letter, then letters, digits, {@code _} and {@code
   * -}, at most 63 characters; never {@code latest} or {@code new} (any case); each naming an
   * existing version that is not destroyed (a disabled one may carry an alias).
   */
  private Map<String, Long> validAliases(
      Secret secret, String projectName, Map<String, Long> aliases) {
    if (aliases.size() > MAX_ALIASES) {
      throw invalid("A secret can have at most " + MAX_ALIASES + " version aliases.");
    }
    Map<String, Long> out = new TreeMap<>();
    aliases.forEach(
        (alias, number) -> {
          if (!ALIAS.matcher(alias).matches()
              || alias.equalsIgnoreCase("latest")
              || alias.equalsIgnoreCase("new")) {
            throw invalid(
                "Invalid version alias '"
                    + alias
                    + "': it must start with a letter, contain only letters, digits, '_' and '-',"
                    + " be at most 63 characters and not be 'latest' or 'NEW'.");
          }
          if (number < 1 || number > secret.versions.size()) {
            throw invalid(
                "Version alias '"
                    + alias
                    + "' names version "
                    + number
                    + ", which does not exist in Secret ["
                    + secretName(projectName, secret.id)
                    + "].");
          }
          Version version = secret.versions.get((int) (number - 1));
          if (version.state == State.DESTROYED) {
            throw new GoogleApiException(
                GoogleApiErrors.failedPrecondition(
                    "Version alias '"
                        + alias
                        + "' cannot name Secret Version ["
                        + secretName(projectName, secret.id)
                        + "/versions/"
                        + number
                        + "]: it is in DESTROYED state."));
          }
          out.put(alias, number);
        });
    return out;
  }

  synchronized void delete(long project, String projectName, String secretId, String etag) {
    Secret secret = get(project, projectName, secretId);
    if (!etag.isEmpty() && !etag.equals(etagText(secret.etag))) {
      throw new GoogleApiException(
          GoogleApiErrors.aborted(
              "The etag provided does not match the current etag of Secret ["
                  + secretName(projectName, secretId)
                  + "]."));
    }
    secrets(project).remove(secretId);
  }

  synchronized Version addVersion(long project, String projectName, String secretId, byte[] data) {
    Secret secret = get(project, projectName, secretId);
    if (data.length > MAX_PAYLOAD_BYTES) {
      throw invalid("Secret payload data cannot be larger than 65536 bytes.");
    }
    Version version = new Version(secret.versions.size() + 1, now(), data.clone(), ++etags);
    secret.versions.add(version);
    return version;
  }

  /**
   * A version by number, {@code latest} or one of the secret's version aliases; 404 in Secret
   * Manager's words when there is none.
   */
  synchronized Version version(long project, String projectName, String secretId, String id) {
    Secret secret = get(project, projectName, secretId);
    if (id.equals("latest")) {
      if (secret.versions.isEmpty()) {
        throw new GoogleApiException(
            GoogleApiErrors.notFound(
                "Secret ["
                    + secretName(projectName, secretId)
                    + "] not found or has no versions."));
      }
      return secret.versions.getLast();
    }
    int number;
    if (secret.aliases.containsKey(id)) {
      number = secret.aliases.get(id).intValue();
    } else if (id.matches("[0-9]{1,9}")) {
      number = Integer.parseInt(id);
    } else if (ALIAS.matcher(id).matches()) {
      throw new GoogleApiException(
          GoogleApiErrors.notFound(
              "Secret Version ["
                  + secretName(projectName, secretId)
                  + "/versions/"
                  + id
                  + "] not found: no version has the alias '"
                  + id
                  + "'."));
    } else {
      throw invalid("Invalid version id '" + id + "': use a version number, an alias or 'latest'.");
    }
    if (number < 1 || number > secret.versions.size()) {
      throw new GoogleApiException(
          GoogleApiErrors.notFound(
              "Secret Version ["
                  + secretName(projectName, secretId)
                  + "/versions/"
                  + id
                  + "] not found."));
    }
    return secret.versions.get(number - 1);
  }

  /** The payload of an enabled version; a disabled or destroyed one is FAILED_PRECONDITION. */
  synchronized byte[] access(Version version, String versionName) {
    if (version.state != State.ENABLED) {
      throw new GoogleApiException(
          GoogleApiErrors.failedPrecondition(
              "Secret Version [" + versionName + "] is in " + version.state + " state."));
    }
    return version.data.clone();
  }

  /** The project's secret's versions, newest first. */
  synchronized List<Version> versions(long project, String projectName, String secretId) {
    return List.copyOf(get(project, projectName, secretId).versions.reversed());
  }

  synchronized Version changeState(Version version, State target, String versionName) {
    if (version.state == State.DESTROYED && target != State.DESTROYED) {
      throw new GoogleApiException(
          GoogleApiErrors.failedPrecondition(
              "Secret Version [" + versionName + "] is in DESTROYED state."));
    }
    if (target == State.DESTROYED && version.state != State.DESTROYED) {
      version.data = null;
      version.destroyTime = now();
    }
    version.state = target;
    version.etag = ++etags;
    return version;
  }

  static String etagText(long etag) {
    return "\"" + Long.toHexString(0x5f3a000000L + etag) + "\"";
  }

  static String secretName(String projectName, String secretId) {
    return "projects/" + projectName + "/secrets/" + secretId;
  }

  private TreeMap<String, Secret> secrets(long project) {
    TreeMap<String, Secret> secrets = byProject.computeIfAbsent(project, p -> new TreeMap<>());
    Instant now = now();
    // Secret Manager deletes an expired secret and all its versions.
    secrets.values().removeIf(s -> s.settings.expireTime().map(t -> !t.isAfter(now)).orElse(false));
    return secrets;
  }

  private void validate(Settings settings) {
    if (settings.labels().size() > 64) {
      throw invalid("A secret can have at most 64 labels.");
    }
    settings
        .labels()
        .forEach(
            (k, v) -> {
              if (!LABEL_KEY.matcher(k).matches() || !LABEL_VALUE.matcher(v).matches()) {
                throw invalid(
                    "Invalid label '"
                        + k
                        + "': keys start with a lowercase letter; keys and values use lowercase"
                        + " letters, digits, '_' and '-', at most 63 characters.");
              }
            });
    settings
        .expireTime()
        .filter(t -> !t.isAfter(now()))
        .ifPresent(
            t -> {
              throw invalid("The expire_time must be in the future.");
            });
    if (settings.rotationPeriod().isPresent()) {
      if (settings.rotationPeriod().get().compareTo(MIN_ROTATION_PERIOD) < 0) {
        throw invalid("The rotation_period must be at least 3600s.");
      }
      if (settings.nextRotationTime().isEmpty()) {
        throw invalid("The next_rotation_time must be set when a rotation_period is set.");
      }
    }
    if (settings.nextRotationTime().isPresent() && settings.topics().isEmpty()) {
      throw invalid("A secret with a rotation must have at least one topic.");
    }
    for (String topic : settings.topics()) {
      if (!topic.matches("projects/[^/]+/topics/[^/]+")) {
        throw invalid("Invalid topic name '" + topic + "': expected projects/*/topics/*.");
      }
    }
  }

  static Map<String, String> ordered(Map<String, String> map) {
    return new LinkedHashMap<>(new TreeMap<>(map));
  }

  private static GoogleApiException invalid(String message) {
    return new GoogleApiException(GoogleApiErrors.invalid(message));
  }
}
