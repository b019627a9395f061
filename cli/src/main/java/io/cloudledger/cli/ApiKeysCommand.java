package io.cloudledger.cli;

import io.cloudledger.core.auth.ApiKeyAdmin;
import io.cloudledger.core.auth.ApiKeyRecord;
import io.cloudledger.core.auth.ApiKeyScope;
import io.cloudledger.core.auth.Argon2KeyHasher;
import io.cloudledger.core.auth.CreatedApiKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger apikeys}: the API keys {@code serve} accepts, kept in the inventory store.
 * Only a slow hash of each key is stored; {@code create} prints the key once.
 */
@Command(
    name = "apikeys",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke the API keys of `cloudledger serve`.",
    subcommands = {
      ApiKeysCommand.Create.class,
      ApiKeysCommand.ListKeys.class,
      ApiKeysCommand.Revoke.class
    })
final class ApiKeysCommand {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([dhm])");

  /** Base of the subcommands: the store under the configuration's inventory settings. */
  abstract static class KeysSubcommand implements Callable<Integer> {
    final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Configuration file naming the inventory store (default: the usual places).")
    Path config;

    KeysSubcommand(CliEnvironment environment) {
      this.environment = environment;
    }

    ApiKeyAdmin admin(LocalInventory inventory) {
      SecureRandom random = new SecureRandom();
      return new ApiKeyAdmin(
          inventory.apiKeys(), Argon2KeyHasher.owasp(random), random, environment.clock());
    }
  }

  @Command(name = "create", description = "Issue a key and print it once on stdout.")
  static final class Create extends KeysSubcommand {
    @Option(names = "--name", required = true, description = "Unique name of the key.")
    String name;

    @Option(
        names = "--scopes",
        required = true,
        description = "Comma-separated: sync:trigger (POST /sync), sync:read (GET /sync/{id}).")
    String scopes;

    @Option(
        names = "--expires",
        paramLabel = "DURATION",
        description = "Validity such as 90d, 12h or 30m (default: never expires).")
    String expires;

    Create(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      Optional<Duration> validFor = Optional.ofNullable(expires).map(ApiKeysCommand::duration);
      try (LocalInventory inventory = LocalInventory.open(environment, config)) {
        CreatedApiKey created;
        try {
          created = admin(inventory).create(name, ApiKeyScope.parseList(scopes), validFor);
        } catch (IllegalArgumentException e) {
          throw CliException.usage(e.getMessage());
        }
        spec.commandLine().getOut().println(created.key().reveal());
        spec.commandLine().getOut().flush();
        spec.commandLine()
            .getErr()
            .println(
                "created API key '"
                    + name
                    + "' ("
                    + ApiKeyScope.format(created.record().scopes())
                    + created.record().expiresAt().map(t -> ", expires " + t).orElse("")
                    + "); it is shown only this once");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", description = "List the keys (never the keys themselves).")
  static final class ListKeys extends KeysSubcommand {
    @Mixin OutputOption output;

    ListKeys(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      try (LocalInventory inventory = LocalInventory.open(environment, config)) {
        Table.Builder table =
            Table.withColumns("name", "scopes", "created", "expires", "lastUsed", "revoked");
        for (ApiKeyRecord key : admin(inventory).list()) {
          table.row(
              key.name(),
              ApiKeyScope.format(key.scopes()),
              key.createdAt(),
              text(key.expiresAt()),
              text(key.lastUsedAt()),
              text(key.revokedAt()));
        }
        TablePrinter.print(
            spec.commandLine().getOut(),
            output.require("apikeys list", OutputFormat.values()),
            table.build());
        return ExitCodes.OK;
      }
    }

    private static String text(Optional<Instant> instant) {
      return instant.map(Instant::toString).orElse("-");
    }
  }

  @Command(
      name = "revoke",
      description = "Revoke the key with this name; it stops working at once.")
  static final class Revoke extends KeysSubcommand {
    @Parameters(paramLabel = "NAME", description = "The key's name.")
    String name;

    Revoke(CliEnvironment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      try (LocalInventory inventory = LocalInventory.open(environment, config)) {
        if (!admin(inventory).revoke(name)) {
          throw CliException.usage("no active API key named '" + name + "'");
        }
        spec.commandLine().getErr().println("revoked API key '" + name + "'");
        return ExitCodes.OK;
      }
    }
  }

  static Duration duration(String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw CliException.usage("--expires must look like 90d, 12h or 30m, got '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    if (amount == 0) {
      throw CliException.usage("--expires must be positive, got '" + text + "'");
    }
    return switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
