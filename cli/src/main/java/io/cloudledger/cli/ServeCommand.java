package io.cloudledger.cli;

import io.cloudledger.aws.cost.AwsCostSettings;
import io.cloudledger.aws.cost.AwsCostSources;
import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.auth.ApiKeyAuthenticator;
import io.cloudledger.core.auth.Argon2KeyHasher;
import io.cloudledger.core.auth.RateLimiter;
import io.cloudledger.core.auth.RateLimits;
import io.cloudledger.core.auth.TriggerGuard;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger serve}: the HTTP trigger locally ({@code POST /sync}, {@code GET
 * /sync/{requestId}}) with an in-process queue and workers, until Ctrl-C.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the HTTP trigger locally: POST /sync, GET /sync/{requestId}, until Ctrl-C.",
      "Syncs run on in-process workers into the configured inventory store.",
      "Requests need an API key (see `cloudledger apikeys`) as `Authorization: Bearer <key>`"
          + " or `X-Api-Key`."
    })
final class ServeCommand implements Callable<Integer> {
  private final CliEnvironment environment;
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 for a free one).")
  int port;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file.")
  Path config;

  @Option(
      names = "--sandbox",
      description = "Serve a freshly started local sandbox estate instead of --config's accounts.")
  boolean sandbox;

  @Option(
      names = "--workers",
      defaultValue = "4",
      description = "Accounts synced at once (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--no-auth",
      description = "Accept requests without an API key (anyone who reaches the port may sync).")
  boolean noAuth;

  @Option(
      names = "--rate-limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Requests per key per --rate-window (default ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(
      names = "--global-rate-limit",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Requests in total per --rate-window (default ${DEFAULT-VALUE}).")
  int globalRateLimit;

  @Option(
      names = "--rate-window",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "The rate-limit window in seconds (default ${DEFAULT-VALUE}).")
  int rateWindowSeconds;

  ServeCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (sandbox && config != null) {
      throw CliException.usage("--sandbox and --config exclude each other");
    }
    if (workers < 1 || workers > 64) {
      throw CliException.usage("--workers must be between 1 and 64, got " + workers);
    }
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be between 0 and 65535, got " + port);
    }
    if (rateLimit < 1 || globalRateLimit < 1 || rateWindowSeconds < 1) {
      throw CliException.usage("--rate-limit, --global-rate-limit and --rate-window must be >= 1");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (sandbox) {
      try (SandboxEstate estate =
              SandboxEstate.start(SandboxOptions.defaults(), environment.env());
          LocalInventory inventory =
              LocalInventory.open(environment, estate.config().inventory())) {
        err.println("sandbox: " + SandboxEstate.describe(estate.sandbox().options()));
        ConfigResolver resolver = new ConfigResolver(estate.environment(), SecretLookup.none());
        return serve(estate.config(), resolver, inventory, err);
      }
    }
    Path file = ConfigLocation.require(environment, config);
    CloudledgerConfig loaded = ConfigLoader.load(file);
    SecretsManager secrets = LocalSecrets.open(environment, file, err);
    try (LocalInventory inventory = LocalInventory.open(environment, loaded.inventory())) {
      return serve(loaded, new ConfigResolver(environment.env(), secrets::get), inventory, err);
    }
  }

  private int serve(
      CloudledgerConfig loaded,
      ConfigResolver resolver,
      LocalInventory inventory,
      PrintWriter err) {
    // On DynamoDB every worker of every serve instance on that store draws from the same API
    // budgets; in memory there is nothing to share them with.
    AwsSourceSettings sources =
        inventory.buckets().shared()
            ? AwsSourceSettings.defaults()
                .withClients(
                    AwsClientSettings.defaults()
                        .withBudgets(loaded.rateBudgets().over(inventory.buckets())))
            : AwsSourceSettings.defaults();
    AwsAccountDirectory directory = AwsAccountDirectory.create(loaded, resolver, sources);
    CountDownLatch stopped = new CountDownLatch(1);
    try (LocalSyncServer server =
        LocalSyncServer.start(
            port,
            directory,
            inventory.store(),
            inventory.runs(),
            environment.clock(),
            workers,
            guard(inventory, err),
            Map.of(
                SyncKind.COST,
                new CostKindSync(
                    CostSources.byProvider(
                        Map.of(
                            Provider.AWS,
                            new AwsCostSources(
                                directory,
                                resolver,
                                AwsCostSettings.defaults(),
                                AwsClientSettings.defaults()))),
                    new CostSync(inventory.costs(), environment.clock()))))) {
      err.println(
          "serving POST "
              + server.uri()
              + "/sync and GET "
              + server.uri()
              + "/sync/{requestId} for "
              + directory.accounts().size()
              + " accounts into "
              + inventory.describe());
      err.println("Press Ctrl-C to stop.");
      err.flush();
      Thread hook = new Thread(stopped::countDown, "serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException interrupted) {
        // Interrupting the command is how an embedding (or a test) stops the server.
        Thread.currentThread().interrupt();
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    return ExitCodes.OK;
  }

  private Optional<TriggerGuard> guard(LocalInventory inventory, PrintWriter err) {
    if (noAuth) {
      err.println(
          "WARNING: --no-auth: anyone who can reach the port can start syncs (API calls cost"
              + " money). Use it only on a machine nobody else can reach.");
      return Optional.empty();
    }
    RateLimiter limiter =
        new RateLimiter(
            new RateLimits(rateLimit, globalRateLimit, Duration.ofSeconds(rateWindowSeconds)),
            inventory.buckets());
    err.println(
        "API keys required (cloudledger apikeys create); "
            + rateLimit
            + " requests per key and "
            + globalRateLimit
            + " in total per "
            + rateWindowSeconds
            + " s, "
            + (limiter.shared()
                ? "shared by every instance on this store"
                : "counted in this process only"));
    return Optional.of(
        new TriggerGuard(
            new ApiKeyAuthenticator(
                inventory.apiKeys(),
                Argon2KeyHasher.owasp(new SecureRandom()),
                environment.clock()),
            limiter));
  }
}
