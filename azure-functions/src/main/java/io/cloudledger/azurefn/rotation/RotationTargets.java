package io.cloudledger.azurefn.rotation;

import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.secrets.RandomSecrets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Which target each rotated secret unlocks, from the app setting {@code
 * CLOUDLEDGER_ROTATION_TARGETS}: comma-separated {@code secret=kind} or {@code vault/secret=kind}
 * entries. Built-in kinds: {@code random-password} and {@code random-password:LENGTH} (the core's
 * {@link RandomPasswordTarget}); the wiring may add more (e.g. an Entra ID application secret). A
 * secret that is not listed is not rotated by this app.
 */
public final class RotationTargets {
  public static final String SETTING = "CLOUDLEDGER_ROTATION_TARGETS";

  private final Map<String, String> kindBySecret;
  private final Map<String, Supplier<RotationTarget>> kinds;

  private RotationTargets(
      Map<String, String> kindBySecret, Map<String, Supplier<RotationTarget>> kinds) {
    this.kindBySecret = kindBySecret;
    this.kinds = kinds;
  }

  /**
   * Parses the setting (empty: nothing is rotated) with {@code extraKinds} beside the built-in
   * ones; throws {@link IllegalArgumentException} naming a bad entry or an unknown kind.
   */
  public static RotationTargets parse(
      String setting, Map<String, Supplier<RotationTarget>> extraKinds) {
    Map<String, Supplier<RotationTarget>> kinds = new HashMap<>(extraKinds);
    Map<String, String> kindBySecret = new HashMap<>();
    if (setting != null && !setting.isBlank()) {
      for (String entry : setting.split(",")) {
        String[] parts = entry.strip().split("=", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw new IllegalArgumentException(
              SETTING + ": '" + entry.strip() + "' is not secret=kind or vault/secret=kind");
        }
        String kind = parts[1].strip();
        kinds.computeIfAbsent(kind, k -> randomPassword(k, extraKinds.keySet()));
        kindBySecret.put(parts[0].strip().toLowerCase(Locale.ROOT), kind);
      }
    }
    return new RotationTargets(kindBySecret, kinds);
  }

  /** The target of {@code secret} in {@code vault}, if this app rotates it. */
  public Optional<RotationTarget> targetOf(String vault, String secret) {
    String kind = kindBySecret.get((vault + "/" + secret).toLowerCase(Locale.ROOT));
    if (kind == null) {
      kind = kindBySecret.get(secret.toLowerCase(Locale.ROOT));
    }
    return kind == null ? Optional.empty() : Optional.of(kinds.get(kind).get());
  }

  private static Supplier<RotationTarget> randomPassword(String kind, java.util.Set<String> extra) {
    if (kind.equals(RandomPasswordTarget.KIND)) {
      return RandomPasswordTarget::withDefaults;
    }
    String prefix = RandomPasswordTarget.KIND + ":";
    if (kind.startsWith(prefix)) {
      try {
        int length = Integer.parseInt(kind.substring(prefix.length()));
        // Built once here, so a bad length fails at start-up rather than at the first event.
        new RandomPasswordTarget(new SecureRandom(), length, RandomSecrets.ALPHANUMERIC);
        return () ->
            new RandomPasswordTarget(new SecureRandom(), length, RandomSecrets.ALPHANUMERIC);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            SETTING + ": bad length in '" + kind + "': " + e.getMessage());
      }
    }
    TreeSet<String> known = new TreeSet<>(extra);
    known.add(RandomPasswordTarget.KIND);
    known.add(prefix + "LENGTH");
    throw new IllegalArgumentException(
        SETTING + ": unknown target kind '" + kind + "' (known: " + String.join(", ", known) + ")");
  }
}
