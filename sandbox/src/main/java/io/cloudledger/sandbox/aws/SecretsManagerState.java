package io.cloudledger.sandbox.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The secrets of one account and region, with Secrets Manager's version and staging-label rules:
 * each label is on at most one version; moving {@code AWSCURRENT} moves {@code AWSPREVIOUS} to the
 * version that was current; a version without labels is deprecated and pruned beyond {@value
 * #MAX_DEPRECATED} of them; a {@code ClientRequestToken} names a version, so repeating a write with
 * the same token and value is a no-op and with another value is refused.
 */
final class SecretsManagerState {
  static final String CURRENT = "AWSCURRENT";
  static final String PREVIOUS = "AWSPREVIOUS";
  static final int MAX_DEPRECATED = 100;

  /** A Secrets Manager error: its {@code __type} and message. */
  static final class Failure extends RuntimeException {
    final String type;

    Failure(String type, String message) {
      super(message, null, false, false);
      this.type = type;
    }
  }

  static final class Version {
    final String versionId;
    final String secretString;
    final Instant created;
    final Set<String> stages = new LinkedHashSet<>();

    Version(String versionId, String secretString, Instant created) {
      this.versionId = versionId;
      this.secretString = secretString;
      this.created = created;
    }
  }

  static final class Secret {
    final String name;
    final String arn;
    final String description;
    final Map<String, String> tags;
    final Instant created;
    Instant lastChanged;
    Instant lastAccessed;
    final Map<String, Version> versions = new LinkedHashMap<>();

    Secret(String name, String arn, String description, Map<String, String> tags, Instant now) {
      this.name = name;
      this.arn = arn;
      this.description = description;
      this.tags = new LinkedHashMap<>(tags);
      this.created = now;
      this.lastChanged = now;
    }

    Optional<Version> withStage(String stage) {
      return versions.values().stream().filter(v -> v.stages.contains(stage)).findFirst();
    }

    /** A copy of the labelled versions: {@code versionId -> stages}. */
    Map<String, List<String>> versionIdsToStages() {
      Map<String, List<String>> out = new LinkedHashMap<>();
      versions.values().stream()
          .filter(v -> !v.stages.isEmpty())
          .forEach(v -> out.put(v.versionId, List.copyOf(v.stages)));
      return out;
    }
  }

  private final String accountId;
  private final String region;
  private final Clock clock;
  private final Map<String, Secret> byName = new TreeMap<>();

  SecretsManagerState(String accountId, String region, Clock clock) {
    this.accountId = accountId;
    this.region = region;
    this.clock = clock;
  }

  synchronized Secret create(
      String name,
      String description,
      Map<String, String> tags,
      Optional<String> token,
      Optional<String> secretString) {
    if (name.isEmpty() || name.length() > 512 || !name.matches("[A-Za-z0-9/_+=.@-]+")) {
      throw new Failure(
          "ValidationException",
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the"
              + " following: -/_+=.@!");
    }
    Secret existing = byName.get(name);
    if (existing != null) {
      // A retried CreateSecret with the same token and value succeeds (idempotency token).
      if (token.isPresent()
          && secretString.isPresent()
          && existing.versions.containsKey(token.get())
          && existing.versions.get(token.get()).secretString.equals(secretString.get())) {
        return existing;
      }
      throw new Failure(
          "ResourceExistsException",
          "The operation failed because the secret " + name + " already exists.");
    }
    Instant now = clock.instant();
    String arn =
        "arn:aws:secretsmanager:"
            + region
            + ":"
            + accountId
            + ":secret:"
            + name
            + "-"
            + randomSuffix();
    Secret secret = new Secret(name, arn, description, tags, now);
    secretString.ifPresent(
        value -> {
          Version version = new Version(token.orElseGet(this::newToken), value, now);
          version.stages.add(CURRENT);
          secret.versions.put(version.versionId, version);
        });
    byName.put(name, secret);
    return secret;
  }

  synchronized Secret find(String secretId) {
    Secret secret = byName.get(secretId);
    if (secret == null) {
      secret =
          byName.values().stream()
              .filter(s -> s.arn.equals(secretId) || stripSuffix(s.arn).equals(secretId))
              .findFirst()
              .orElse(null);
    }
    if (secret == null) {
      throw new Failure(
          "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    return secret;
  }

  /** The version asked for: by id and/or stage; {@code AWSCURRENT} when neither is given. */
  synchronized Version value(String secretId, Optional<String> versionId, Optional<String> stage) {
    Secret secret = find(secretId);
    Version version;
    if (versionId.isPresent()) {
      version = secret.versions.get(versionId.get());
      if (version == null || stage.map(s -> !version.stages.contains(s)).orElse(false)) {
        throw new Failure(
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: "
                + versionId.get());
      }
    } else {
      String wanted = stage.orElse(CURRENT);
      version =
          secret
              .withStage(wanted)
              .orElseThrow(
                  () ->
                      new Failure(
                          "ResourceNotFoundException",
                          "Secrets Manager can't find the specified secret value for staging"
                              + " label: "
                              + wanted));
    }
    secret.lastAccessed = clock.instant();
    return version;
  }

  synchronized Version put(
      String secretId, Optional<String> token, String secretString, List<String> stages) {
    Secret secret = find(secretId);
    if (token.isPresent() && secret.versions.containsKey(token.get())) {
      Version existing = secret.versions.get(token.get());
      if (existing.secretString.equals(secretString)) {
        return existing;
      }
      throw new Failure(
          "ResourceExistsException",
          "You can't modify an existing version, you can only create a new version.");
    }
    Instant now = clock.instant();
    Version version = new Version(token.orElseGet(this::newToken), secretString, now);
    secret.versions.put(version.versionId, version);
    for (String stage : stages.isEmpty() ? List.of(CURRENT) : stages) {
      attach(secret, stage, version);
    }
    secret.lastChanged = now;
    pruneDeprecated(secret);
    return version;
  }

  synchronized Secret updateStage(
      String secretId, String stage, Optional<String> moveTo, Optional<String> removeFrom) {
    Secret secret = find(secretId);
    Optional<Version> holder = secret.withStage(stage);
    if (removeFrom.isPresent() && !secret.versions.containsKey(removeFrom.get())) {
      throw new Failure(
          "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret version: " + removeFrom.get());
    }
    if (moveTo.isEmpty()) {
      String from =
          removeFrom.orElseThrow(
              () -> invalid("MoveToVersionId or RemoveFromVersionId must be specified."));
      if (stage.equals(CURRENT)) {
        throw invalid(
            "You can't remove the staging label AWSCURRENT; move it to another version instead.");
      }
      if (holder.filter(v -> v.versionId.equals(from)).isEmpty()) {
        throw invalid("The staging label " + stage + " is not attached to version " + from + ".");
      }
      holder.get().stages.remove(stage);
      secret.lastChanged = clock.instant();
      return secret;
    }
    Version target = secret.versions.get(moveTo.get());
    if (target == null) {
      throw new Failure(
          "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret version: " + moveTo.get());
    }
    if (holder.isPresent() && holder.get() != target) {
      String attachedTo = holder.get().versionId;
      if (removeFrom.filter(attachedTo::equals).isEmpty()) {
        throw invalid(
            "The parameter RemoveFromVersionId can't be empty. Staging label "
                + stage
                + " is currently attached to version "
                + attachedTo
                + ", so you must explicitly reference that version in RemoveFromVersionId.");
      }
    }
    attach(secret, stage, target);
    secret.lastChanged = clock.instant();
    pruneDeprecated(secret);
    return secret;
  }

  synchronized Secret delete(String secretId) {
    Secret secret = find(secretId);
    byName.remove(secret.name);
    return secret;
  }

  synchronized List<Secret> list(List<String> namePrefixes) {
    return byName.values().stream()
        .filter(s -> namePrefixes.isEmpty() || namePrefixes.stream().anyMatch(s.name::startsWith))
        .sorted(Comparator.comparing((Secret s) -> s.name))
        .toList();
  }

  synchronized List<Version> versions(String secretId) {
    return new ArrayList<>(find(secretId).versions.values());
  }

  /**
   * Puts {@code stage} on {@code target} alone; moving AWSCURRENT makes the old one AWSPREVIOUS.
   */
  private static void attach(Secret secret, String stage, Version target) {
    Optional<Version> holder = secret.withStage(stage);
    if (holder.isPresent() && holder.get() == target) {
      return;
    }
    holder.ifPresent(v -> v.stages.remove(stage));
    target.stages.add(stage);
    if (stage.equals(CURRENT) && holder.isPresent()) {
      secret.withStage(PREVIOUS).ifPresent(v -> v.stages.remove(PREVIOUS));
      holder.get().stages.add(PREVIOUS);
      target.stages.remove(PREVIOUS);
    }
  }

  private static void pruneDeprecated(Secret secret) {
    List<Version> deprecated =
        secret.versions.values().stream().filter(v -> v.stages.isEmpty()).toList();
    for (int i = 0; i < deprecated.size() - MAX_DEPRECATED; i++) {
      secret.versions.remove(deprecated.get(i).versionId);
    }
  }

  private static Failure invalid(String message) {
    return new Failure("InvalidParameterException", message);
  }

  private String newToken() {
    return UUID.randomUUID().toString();
  }

  private static String stripSuffix(String arn) {
    return arn.substring(0, arn.length() - 7);
  }

  private static String randomSuffix() {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    StringBuilder out = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      out.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
    }
    return out.toString();
  }
}
