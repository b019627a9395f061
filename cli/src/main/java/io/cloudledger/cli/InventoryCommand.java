package io.cloudledger.cli;

import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cloudledger inventory}: read the stored inventory. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Read the synced inventory from the store.",
    subcommands = {InventoryCommand.ListResources.class, InventoryCommand.Export.class})
final class InventoryCommand {
  static final List<String> COLUMNS =
      List.of(
          "account",
          "type",
          "region",
          "id",
          "name",
          "status",
          "rawStatus",
          "lastSeen",
          "lastChanged",
          "deletedAt");

  /** Filters shared by list and export. */
  static final class Filters {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Configuration file (for the inventory store settings).")
    Path config;

    @Option(
        names = "--provider",
        paramLabel = "P",
        split = ",",
        description = "Only these providers: aws, azure, gcp.")
    List<String> providers = List.of();

    @Option(
        names = "--type",
        paramLabel = "T",
        split = ",",
        description = "Only these types: vm, storage, network, subnet.")
    List<String> types = List.of();

    @Option(
        names = "--account",
        paramLabel = "KEY",
        description = "Only this account (e.g. aws#123456789012); repeatable.")
    List<String> accounts = List.of();

    @Option(names = "--include-deleted", description = "Include tombstoned resources.")
    boolean includeDeleted;

    InventoryQuery query() {
      InventoryQuery query = InventoryQuery.all();
      if (!providers.isEmpty()) {
        query = query.withProviders(parse(providers, InventoryCommand::provider));
      }
      if (!types.isEmpty()) {
        query = query.withTypes(parse(types, InventoryCommand::type));
      }
      if (!accounts.isEmpty()) {
        query = query.withAccounts(parse(accounts, InventoryCommand::account));
      }
      return includeDeleted ? query.includingDeleted() : query;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List stored resources, ordered by account and resource key.")
  static final class ListResources implements Callable<Integer> {
    private final CliEnvironment environment;
    @Spec CommandSpec spec;
    @Mixin Filters filters;

    @Mixin OutputOption output;

    ListResources(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      InventoryQuery query = filters.query();
      try (LocalInventory inventory = LocalInventory.open(environment, filters.config);
          Stream<Resource> resources = inventory.store().query(query)) {
        List<String> columns = new java.util.ArrayList<>(COLUMNS);
        columns.addAll(FRESHNESS_COLUMNS);
        Table.Builder table = Table.withColumns(columns.toArray(String[]::new));
        Map<AccountKey, List<ScopeStatus>> scopes = new java.util.HashMap<>();
        resources.forEach(
            r -> {
              List<String> cells = new java.util.ArrayList<>(row(r));
              ScopeStatus scope =
                  scopeOf(
                      r, scopes.computeIfAbsent(r.accountKey(), a -> inventory.store().scopes(a)));
              cells.add(scope == null ? "" : text(scope.lastCompleteAt()));
              cells.add(scope == null ? "" : scope.status().name());
              table.row(cells.toArray());
            });
        TablePrinter.print(spec.commandLine().getOut(), output.format, table.build());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the stored resources to a file (json: every field incl. tags and metadata).",
        "The file is written to a temporary name and moved into place when complete."
      })
  static final class Export implements Callable<Integer> {
    private final CliEnvironment environment;
    @Spec CommandSpec spec;
    @Mixin Filters filters;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
    Path out;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "json or csv (default: from the file name, else json).")
    OutputFormat format;

    Export(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
      OutputFormat chosen = format != null ? format : fromFileName(out);
      if (chosen == OutputFormat.TABLE) {
        throw CliException.usage("inventory export writes json or csv, not table");
      }
      Path target = environment.workingDirectory().resolve(out);
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".export-", ".tmp");
      long count;
      try (LocalInventory inventory = LocalInventory.open(environment, filters.config);
          Stream<Resource> resources = inventory.store().query(filters.query());
          Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        count =
            chosen == OutputFormat.CSV ? writeCsv(resources, writer) : writeJson(resources, writer);
      } catch (RuntimeException | IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      PrintWriter err = spec.commandLine().getErr();
      err.println("exported " + count + " resources to " + target);
      err.flush();
      return ExitCodes.OK;
    }

    private static OutputFormat fromFileName(Path file) {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
          ? OutputFormat.CSV
          : OutputFormat.JSON;
    }

    private static long writeCsv(Stream<Resource> resources, Writer writer) throws IOException {
      List<String> columns = new java.util.ArrayList<>(COLUMNS);
      columns.add("tags");
      writer.write(TablePrinter.csvLine(columns));
      long count = 0;
      for (Resource resource : (Iterable<Resource>) resources::iterator) {
        List<String> row = new java.util.ArrayList<>(row(resource));
        row.add(
            resource.tags().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";")));
        writer.write(TablePrinter.csvLine(row));
        count++;
      }
      return count;
    }

    /** A JSON array written item by item, so a large inventory never sits in memory at once. */
    private static long writeJson(Stream<Resource> resources, Writer writer) throws IOException {
      try (var generator = TablePrinter.JSON.getFactory().createGenerator(writer)) {
        generator.useDefaultPrettyPrinter();
        generator.writeStartArray();
        long count = 0;
        for (Resource resource : (Iterable<Resource>) resources::iterator) {
          TablePrinter.JSON.writeValue(generator, json(resource));
          count++;
        }
        generator.writeEndArray();
        return count;
      }
    }
  }

  /**
   * What {@code list} adds per resource: when its scope (region and type) last listed completely,
   * and how its latest listing ended (STALE: the account is suspended or closed, the row is its
   * last known state).
   */
  static final List<String> FRESHNESS_COLUMNS = List.of("scopeSyncedAt", "scopeStatus");

  /** The scope record covering {@code r}: its region's, else an all-regions one; null if none. */
  static ScopeStatus scopeOf(Resource r, List<ScopeStatus> scopes) {
    ScopeStatus match = null;
    for (ScopeStatus scope : scopes) {
      if (scope.scope().covers(r.region(), r.type())
          && (match == null || match.scope().allRegions())) {
        match = scope;
      }
    }
    return match;
  }

  static List<String> row(Resource r) {
    return List.of(
        r.accountKey().value(),
        r.type().key(),
        r.region(),
        r.resourceId(),
        r.name(),
        r.status().name(),
        r.rawStatus(),
        text(r.lastSeen()),
        text(r.lastChanged()),
        text(r.deletedAt()));
  }

  static Map<String, Object> json(Resource r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("account", r.accountKey().value());
    json.put("provider", r.provider().prefix());
    json.put("accountId", r.accountId());
    json.put("type", r.type().key());
    json.put("region", r.region());
    json.put("id", r.resourceId());
    json.put("name", r.name());
    json.put("status", r.status().name());
    json.put("rawStatus", r.rawStatus());
    json.put("tags", r.tags());
    json.put("metadata", r.metadata());
    json.put("contentHash", r.contentHash());
    json.put("firstSeen", text(r.firstSeen()));
    json.put("lastSeen", text(r.lastSeen()));
    json.put("lastChanged", text(r.lastChanged()));
    json.put("deletedAt", text(r.deletedAt()));
    return json;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static Provider provider(String text) {
    try {
      return Provider.fromPrefix(text.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("unknown provider '" + text + "': use aws, azure or gcp");
    }
  }

  private static ResourceType type(String text) {
    try {
      return ResourceType.fromKey(text.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "unknown resource type '"
              + text
              + "': use "
              + Stream.of(ResourceType.values())
                  .map(ResourceType::key)
                  .collect(Collectors.joining(", ")));
    }
  }

  private static AccountKey account(String text) {
    try {
      return AccountKey.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid account key '" + text + "': " + e.getMessage());
    }
  }

  private static <T> Set<T> parse(
      List<String> values, java.util.function.Function<String, T> parser) {
    return values.stream().map(parser).collect(Collectors.toUnmodifiableSet());
  }
}
