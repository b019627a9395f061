package io.cloudledger.cli;

import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.core.secrets.SecretsSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cloudledger secrets sync --from A --to B [--apply]}: copies secrets between stores. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Copy every secret of one store to another. A dry run unless --apply is given.",
      "Prints names and actions (create, update, unchanged, failed), never values."
    })
final class SecretsSyncCommand extends SecretsCommand.SecretsSubcommand {
  @Mixin OutputOption output;

  @Option(names = "--from", required = true, paramLabel = "STORE", description = "Source store.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "STORE", description = "Target store.")
  String to;

  @Option(names = "--apply", description = "Write the changes (default: only show them).")
  boolean apply;

  SecretsSyncCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() {
    OutputFormat format = output.require("secrets sync", OutputFormat.TABLE, OutputFormat.JSON);
    SecretsManager manager = manager();
    SecretsSync.Result result = SecretsSync.run(manager.store(from), manager.store(to), apply);
    if (format == OutputFormat.JSON) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("from", result.from());
      document.put("to", result.to());
      document.put("applied", result.applied());
      List<Map<String, String>> secrets = new ArrayList<>();
      for (SecretsSync.Entry entry : result.entries()) {
        secrets.add(
            Map.of(
                "name", entry.name(),
                "action", entry.action().name().toLowerCase(Locale.ROOT),
                "detail", entry.detail()));
      }
      document.put("secrets", secrets);
      TablePrinter.printJson(out(), document);
    } else {
      Table.Builder table = Table.withColumns("secret", "action", "detail");
      result
          .entries()
          .forEach(
              e -> table.row(e.name(), e.action().name().toLowerCase(Locale.ROOT), e.detail()));
      TablePrinter.print(out(), format, table.build());
    }
    err()
        .println(
            "cloudledger: "
                + (apply ? "synced" : "dry run (use --apply to write):")
                + " "
                + result.count(SecretsSync.Action.CREATE)
                + " to create, "
                + result.count(SecretsSync.Action.UPDATE)
                + " to update, "
                + result.count(SecretsSync.Action.UNCHANGED)
                + " unchanged, "
                + result.count(SecretsSync.Action.FAILED)
                + " failed, from "
                + from
                + " to "
                + to);
    return result.count(SecretsSync.Action.FAILED) == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
