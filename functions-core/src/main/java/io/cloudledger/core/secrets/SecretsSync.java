package io.cloudledger.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies every secret of one store to another: a plan by default (dry run), the writes with {@code
 * apply}. A secret that cannot be read or written is reported as failed and the others go on. Only
 * names and actions are reported, never values.
 */
public final class SecretsSync {

  /** What happens to one secret. */
  public enum Action {
    CREATE,
    UPDATE,
    UNCHANGED,
    FAILED
  }

  /** One secret's action; {@code detail} explains a failure (it names no value). */
  public record Entry(String name, Action action, String detail) {}

  /** The plan or its outcome. */
  public record Result(String from, String to, boolean applied, List<Entry> entries) {
    public Result {
      entries = List.copyOf(entries);
    }

    public long count(Action action) {
      return entries.stream().filter(e -> e.action() == action).count();
    }
  }

  private SecretsSync() {}

  public static Result run(SecretStore from, SecretStore to, boolean apply) {
    if (from.name().equals(to.name())) {
      throw new IllegalArgumentException(
          "--from and --to name the same store '" + from.name() + "'");
    }
    if (apply && !to.writable()) {
      throw new ReadOnlySecretStoreException(to.name(), "sync", "*");
    }
    List<Entry> entries = new ArrayList<>();
    for (String name : from.list()) {
      entries.add(syncOne(from, to, name, apply));
    }
    return new Result(from.name(), to.name(), apply, entries);
  }

  private static Entry syncOne(SecretStore from, SecretStore to, String name, boolean apply) {
    try {
      Optional<SecretValue> value = from.get(name);
      if (value.isEmpty()) {
        return new Entry(name, Action.FAILED, "listed by '" + from.name() + "' but not readable");
      }
      Optional<SecretValue> existing = to.get(name);
      Action action =
          existing.isEmpty()
              ? Action.CREATE
              : existing.get().equals(value.get()) ? Action.UNCHANGED : Action.UPDATE;
      if (apply && action != Action.UNCHANGED) {
        to.set(name, value.get());
      }
      return new Entry(name, action, "");
    } catch (SecretStoreException e) {
      return new Entry(name, Action.FAILED, e.getMessage());
    }
  }
}
