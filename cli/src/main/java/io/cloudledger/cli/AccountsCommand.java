package io.cloudledger.cli;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.CheckStatus;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.secrets.SecretsManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cloudledger accounts}: the accounts a configuration reads. */
@Command(
    name = "accounts",
    description = "Check the onboarding of the configured and discovered accounts.",
    mixinStandardHelpOptions = true,
    subcommands = {AccountsCommand.Check.class})
final class AccountsCommand {

  /** {@code cloudledger accounts check}: credentials, role and read permissions per account. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "For each account: whether the credentials resolve, the role can be assumed (with its"
            + " ExternalId) and which required read permissions are missing, by exact name.",
        "Each permission is probed with one small call. Exit 1 when any account is unhealthy."
      })
  static final class Check implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file.")
    Path config;

    @Option(
        names = "--account",
        paramLabel = "KEY",
        description = "Only this account (e.g. aws#123456789012); repeatable.")
    List<String> accounts = List.of();

    @Option(
        names = "--parallel",
        defaultValue = "8",
        description = "Accounts checked at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin OutputOption output;

    Check(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      OutputFormat format = output.require("accounts check", OutputFormat.TABLE, OutputFormat.JSON);
      if (parallel < 1) {
        throw CliException.usage("--parallel must be at least 1, was " + parallel);
      }
      Set<AccountKey> only = new LinkedHashSet<>();
      for (String account : accounts) {
        try {
          only.add(AccountKey.parse(account.strip()));
        } catch (IllegalArgumentException e) {
          throw CliException.usage("invalid --account '" + account + "': " + e.getMessage());
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path file = ConfigLocation.require(environment, config);
      CloudledgerConfig loaded = ConfigLoader.load(file);
      SecretsManager secrets = LocalSecrets.open(environment, file, err);
      ConfigResolver resolver = new ConfigResolver(environment.env(), secrets::get);
      List<AccountHealth> results = AccountProbes.check(loaded, resolver, only, parallel);
      List<String> unmatched =
          only.stream()
              .map(AccountKey::value)
              .filter(k -> results.stream().noneMatch(h -> h.account().equals(k)))
              .toList();
      if (!unmatched.isEmpty()) {
        throw CliException.usage("no configured session reads " + String.join(", ", unmatched));
      }
      boolean healthy = results.stream().allMatch(AccountHealth::healthy);
      if (format == OutputFormat.JSON) {
        TablePrinter.printJson(out, json(results, healthy));
      } else {
        TablePrinter.print(out, OutputFormat.TABLE, table(results));
        err.println(
            results.stream().filter(h -> !h.healthy()).count()
                + " of "
                + results.size()
                + " accounts unhealthy");
      }
      out.flush();
      err.flush();
      return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static Table table(List<AccountHealth> results) {
      Table.Builder table =
          Table.withColumns("account", "session", "status", "missing", "problems");
      for (AccountHealth health : results) {
        table.row(
            health.account(),
            health.source(),
            health.healthy() ? "healthy" : "UNHEALTHY",
            String.join(" ", health.missingPermissions()),
            String.join(
                "; ",
                health.checks().stream()
                    .filter(
                        c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.SKIPPED)
                    .filter(c -> !c.detail().startsWith("no role_arn"))
                    .map(c -> c.name() + ": " + c.detail())
                    .toList()));
      }
      return table.build();
    }

    static Map<String, Object> json(List<AccountHealth> results, boolean healthy) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("healthy", healthy);
      json.put(
          "accounts",
          results.stream()
              .map(
                  h -> {
                    Map<String, Object> account = new LinkedHashMap<>();
                    account.put("account", h.account());
                    account.put("session", h.source());
                    account.put("healthy", h.healthy());
                    account.put("missing", h.missingPermissions());
                    account.put("checks", h.checks().stream().map(Check::check).toList());
                    return account;
                  })
              .toList());
      return json;
    }

    private static Map<String, Object> check(HealthCheck check) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", check.name());
      json.put("status", check.status().name());
      json.put("detail", check.detail());
      return json;
    }
  }
}
