package io.cloudledger.core.config;

import io.cloudledger.core.dispatch.SyncKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The environment variables every function runtime (Lambda, Azure, GCF) reads the same way. */
public final class RuntimeEnvironment {

  public static final String CONFIG = "CLOUDLEDGER_CONFIG";
  public static final String WORKER_TIMEOUT_SECONDS = "CLOUDLEDGER_WORKER_TIMEOUT_SECONDS";
  public static final String SCHEDULE_KINDS = "CLOUDLEDGER_SCHEDULE_KINDS";

  private RuntimeEnvironment() {}

  /** The stripped value of {@code name}, or {@code fallback} when it is unset or blank. */
  public static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /**
   * {@code CLOUDLEDGER_CONFIG}: a path to {@code cloudledger.yaml} or the YAML itself; required.
   */
  public static String config(Map<String, String> env) {
    String config = text(env, CONFIG, "");
    if (config.isEmpty()) {
      throw new IllegalArgumentException(
          CONFIG + " is not set: give the path of cloudledger.yaml or the YAML itself");
    }
    return config;
  }

  /**
   * {@code CLOUDLEDGER_WORKER_TIMEOUT_SECONDS}, else {@code defaultSeconds} (each runtime's own).
   */
  public static Duration workerTimeout(Map<String, String> env, long defaultSeconds) {
    String timeout = text(env, WORKER_TIMEOUT_SECONDS, Long.toString(defaultSeconds));
    try {
      return Duration.ofSeconds(Long.parseLong(timeout));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          WORKER_TIMEOUT_SECONDS + " must be a number of seconds, got '" + timeout + "'");
    }
  }

  /** {@code CLOUDLEDGER_SCHEDULE_KINDS}, a comma-separated list (default {@code inventory}). */
  public static Set<SyncKind> scheduleKinds(Map<String, String> env) {
    return kinds(text(env, SCHEDULE_KINDS, "inventory"), SCHEDULE_KINDS);
  }

  /**
   * The kinds of a comma-separated list such as {@code inventory,cost}; throws {@link
   * IllegalArgumentException} naming {@code source} (where the list came from) and the bad kind.
   */
  public static Set<SyncKind> kinds(String list, String source) {
    Set<SyncKind> kinds = EnumSet.noneOf(SyncKind.class);
    for (String kind : list.split(",")) {
      try {
        kinds.add(SyncKind.fromKey(kind.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage());
      }
    }
    return Set.copyOf(kinds);
  }

  /** True when {@code config} (a {@link #config} value) is the YAML itself rather than a path. */
  public static boolean isInline(String config) {
    return config.contains("\n") || config.strip().startsWith("cloud_sessions:");
  }

  /** The configuration {@code config} (a {@link #config} value) holds or names, parsed strictly. */
  public static CloudledgerConfig load(String config) {
    return isInline(config)
        ? ConfigLoader.parse(config, Path.of("(" + CONFIG + ")"))
        : ConfigLoader.load(Path.of(config));
  }
}
