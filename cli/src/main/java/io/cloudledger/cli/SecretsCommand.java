package io.cloudledger.cli;

import io.cloudledger.core.secrets.ImportResult;
import io.cloudledger.core.secrets.ListedSecret;
import io.cloudledger.core.secrets.SecretListing;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.SecretsImport;
import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.core.secrets.StoreFailure;
import io.cloudledger.core.secrets.StoreHealth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger secrets}: the secrets in the local keystores and the environment. Values are
 * printed by {@code get} only; every other output and error carries names, never values.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = {
      "Store, read and list secrets (local keystores, environment, AWS, Azure, GCP, Vault).",
      "Keystore password: $CLOUDLEDGER_KEYSTORE_PASSWORD, else an interactive prompt."
    },
    subcommands = {
      SecretsCommand.Set.class,
      SecretsCommand.Get.class,
      SecretsCommand.ListSecrets.class,
      SecretsCommand.Delete.class,
      SecretsCommand.CreateRandom.class,
      SecretsCommand.Import.class,
      SecretsCommand.Health.class,
      SecretsSyncCommand.class
    })
final class SecretsCommand {
  static final String DEFAULT_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** Options every secrets subcommand shares. */
  static final class StoreOptions {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Configuration file naming the keystores (default: the usual places).")
    Path config;

    @Option(
        names = "--store",
        paramLabel = "NAME",
        description = "Use only this store (e.g. keystore-user, keystore-app, env).")
    String store;
  }

  /** Base of the subcommands: the environment and the secrets manager, opened on demand. */
  abstract static class SecretsSubcommand implements Callable<Integer> {
    final CliEnvironment environment;
    @Spec CommandSpec spec;
    @Mixin StoreOptions options;

    SecretsSubcommand(CliEnvironment environment) {
      this.environment = environment;
    }

    SecretsManager manager() {
      return LocalSecrets.open(environment, options.config, err());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Store a secret. The value is read from standard input (--value-stdin) or asked for",
        "without echo; it is never taken from the command line, where shells and ps show it."
      })
  static final class Set extends SecretsSubcommand {
    @Parameters(paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Option(
        names = "--value-stdin",
        description = "Read the value from standard input (one trailing newline is dropped).")
    boolean valueFromStdin;

    Set(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() throws IOException {
      SecretValue value = readValue();
      SecretsManager manager = manager();
      String store =
          options.store == null
              ? manager.set(name, value)
              : manager.set(name, value, options.store);
      String intended =
          options.store == null ? manager.defaultWritableStore().name() : options.store;
      err()
          .println(
              "stored secret '"
                  + name
                  + "' in "
                  + store
                  + (store.equals(intended)
                      ? ""
                      : " (the backup store of '" + intended + "', which failed)"));
      return ExitCodes.OK;
    }

    private SecretValue readValue() throws IOException {
      if (valueFromStdin) {
        String text = new String(environment.stdin().readAllBytes(), StandardCharsets.UTF_8);
        return SecretValue.of(dropOneTrailingNewline(text));
      }
      CliEnvironment.Terminal terminal = environment.terminal();
      if (!terminal.interactive()) {
        throw CliException.usage(
            "no terminal to ask for the value of '"
                + name
                + "': pass --value-stdin and pipe it in");
      }
      char[] first = terminal.readHidden("Value for secret '" + name + "': ");
      char[] second = terminal.readHidden("Again, to confirm: ");
      try {
        if (first == null || second == null || !Arrays.equals(first, second)) {
          throw CliException.usage(
              "the two values typed for '" + name + "' differ; nothing stored");
        }
        return SecretValue.of(new String(first));
      } finally {
        if (first != null) {
          Arrays.fill(first, '\0');
        }
        if (second != null) {
          Arrays.fill(second, '\0');
        }
      }
    }

    static String dropOneTrailingNewline(String text) {
      if (text.endsWith("\r\n")) {
        return text.substring(0, text.length() - 2);
      }
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Print a secret's value on standard output (the only command that does).")
  static final class Get extends SecretsSubcommand {
    @Parameters(paramLabel = "NAME")
    String name;

    Get(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      SecretsManager manager = manager();
      Optional<SecretValue> value =
          options.store == null ? manager.get(name) : manager.get(name, options.store);
      if (value.isEmpty()) {
        throw CliException.failure(
            "secret '" + name + "' not found (asked: " + storesAsked(manager) + ")");
      }
      out().println(value.get().reveal());
      out().flush();
      return ExitCodes.OK;
    }

    private String storesAsked(SecretsManager manager) {
      return options.store != null
          ? options.store
          : String.join(", ", manager.stores().stream().map(s -> s.name()).toList());
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List secret names and the store holding each (never values).")
  static final class ListSecrets extends SecretsSubcommand {
    @Mixin OutputOption output;

    ListSecrets(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      SecretListing listing = manager().list();
      Table.Builder table = Table.withColumns("name", "store", "shadowed");
      for (ListedSecret secret : listing.secrets()) {
        if (options.store == null || options.store.equals(secret.store())) {
          table.row(secret.name(), secret.store(), secret.shadowed() ? "yes" : "");
        }
      }
      TablePrinter.print(out(), output.format, table.build());
      for (StoreFailure failure : listing.failures()) {
        err().println("cloudledger: store '" + failure.store() + "' failed: " + failure.reason());
      }
      err().flush();
      return listing.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a secret from every writable store holding it, or from --store.")
  static final class Delete extends SecretsSubcommand {
    @Parameters(paramLabel = "NAME")
    String name;

    Delete(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      SecretsManager manager = manager();
      List<String> deletedFrom =
          options.store == null
              ? manager.delete(name)
              : (manager.delete(name, options.store) ? List.of(options.store) : List.of());
      if (deletedFrom.isEmpty()) {
        throw CliException.failure("secret '" + name + "' not found in any writable store");
      }
      err().println("deleted secret '" + name + "' from " + String.join(", ", deletedFrom));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "create-random",
      mixinStandardHelpOptions = true,
      description = "Generate a random secret and store it; the value is not printed.")
  static final class CreateRandom extends SecretsSubcommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--length",
        defaultValue = "32",
        description = "Number of characters (1-4096, default ${DEFAULT-VALUE}).")
    int length;

    @Option(
        names = "--alphabet",
        paramLabel = "CHARS",
        description = "Characters to draw from (default letters and digits).")
    String alphabet = DEFAULT_ALPHABET;

    CreateRandom(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      SecretsManager manager = manager();
      if (options.store == null) {
        manager.createRandom(name, length, alphabet);
      } else {
        manager.createRandom(name, length, alphabet, options.store);
      }
      String store = options.store == null ? manager.defaultWritableStore().name() : options.store;
      err().println("created random secret '" + name + "' (" + length + " characters) in " + store);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Store every entry of a secrets.yaml (name: value), read each back, and only then",
        "delete the file. On any failure the file stays and the error names what was stored."
      })
  static final class Import extends SecretsSubcommand {
    @Parameters(paramLabel = "FILE")
    Path file;

    Import(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      SecretsImport importer = new SecretsImport(manager());
      Path source = environment.workingDirectory().resolve(file);
      ImportResult result =
          options.store == null
              ? importer.importFile(source)
              : importer.importFile(source, options.store);
      err()
          .println(
              "imported "
                  + result.imported().size()
                  + " secret(s) into "
                  + result.store()
                  + " and deleted "
                  + result.source()
                  + ": "
                  + String.join(", ", result.imported()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description = "Whether each secret store can be used now.")
  static final class Health extends SecretsSubcommand {
    @Mixin OutputOption output;

    Health(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      List<StoreHealth> health = manager().health();
      Table.Builder table = Table.withColumns("store", "healthy", "detail");
      health.forEach(h -> table.row(h.store(), h.healthy() ? "yes" : "no", h.detail()));
      TablePrinter.print(out(), output.format, table.build());
      return health.stream().allMatch(StoreHealth::healthy) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
