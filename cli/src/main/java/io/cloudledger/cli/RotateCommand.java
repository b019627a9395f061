package io.cloudledger.cli;

import io.cloudledger.aws.secrets.AwsSecretsManagerStore;
import io.cloudledger.aws.secrets.SecretsManagerVersions;
import io.cloudledger.azure.secrets.KeyVaultRotations;
import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationStep;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.rotation.StepResult;
import io.cloudledger.core.secrets.SecretsManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger rotate SECRET_ID [--step create|set|test|finish]}: rotates a secret of an AWS
 * Secrets Manager store locally, with the same state machine the rotation Lambda runs. Without
 * {@code --token}, a rotation that is pending is resumed, otherwise a new one starts.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Rotate a secret in an AWS Secrets Manager store (store_type: aws in cloud_stores)",
      "or an Azure Key Vault store (store_type: azure; --store names it, or it is the only kind).",
      "In Key Vault, the current version's tags configure it the same way, with target",
      "azure-sp-secret (an app registration's client secret, via Graph) or random-password.",
      "The secret's tag cloudledger:rotation-target says what to rotate: random-password or",
      "aws-iam-key (then cloudledger:session and cloudledger:grace-period apply).",
      "Without --step all four steps run; a pending rotation is resumed where it stopped."
    })
final class RotateCommand implements Callable<Integer> {
  private final CliEnvironment environment;
  @Spec CommandSpec spec;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "SECRET_ID", description = "The secret's name in the store.")
  String secretId;

  @Option(
      names = "--step",
      paramLabel = "STEP",
      description = "Run only this step: create, set, test or finish.")
  String step;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "The rotation's token (the new version id); default: the pending one, or new.")
  String token;

  @Option(
      names = "--store",
      paramLabel = "NAME",
      description = "The AWS or Azure Key Vault store to use.")
  String store;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file.")
  Path config;

  RotateCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    OutputFormat format = output.require("rotate", OutputFormat.TABLE, OutputFormat.JSON);
    List<RotationStep> steps = steps();
    PrintWriter err = spec.commandLine().getErr();
    Path file = ConfigLocation.require(environment, config);
    CloudledgerConfig loaded = ConfigLoader.load(file);
    Optional<CloudStoreConfig.AzureKeyVault> keyVault = keyVaultStore(loaded);
    if (keyVault.isPresent()) {
      return rotateInKeyVault(loaded, keyVault.get(), file, steps, err, format);
    }
    CloudStoreConfig.AwsSecretsManager storeConfig = awsStore(loaded);
    SecretsManager secrets = LocalSecrets.open(environment, file, err);
    ConfigResolver resolver = new ConfigResolver(environment.env(), secrets::get);
    AwsSecretStores aws = new AwsSecretStores(loaded, resolver);
    AwsSecretsManagerStore awsStore = aws.store(storeConfig);
    String awsName = awsStore.awsName(secretId);
    Rotation rotation = aws.rotations(storeConfig, Clock.systemUTC()).forSecret(awsName);
    String rotationToken = token != null ? token : pendingOrNewToken(aws, storeConfig, awsName);

    List<StepResult> results = new ArrayList<>();
    for (RotationStep s : steps) {
      StepResult result = rotation.step(s, awsName, rotationToken);
      results.add(result);
      err.println("cloudledger: " + s.cliName() + ": " + result.detail());
    }
    print(format, awsName, rotationToken, results);
    return ExitCodes.OK;
  }

  private List<RotationStep> steps() {
    if (step == null) {
      return List.of(RotationStep.values());
    }
    return List.of(
        RotationStep.fromCliName(step)
            .orElseThrow(
                () ->
                    CliException.usage(
                        "--step must be create, set, test or finish, not '" + step + "'")));
  }

  private CloudStoreConfig.AwsSecretsManager awsStore(CloudledgerConfig loaded) {
    List<CloudStoreConfig.AwsSecretsManager> candidates =
        loaded.secretsManager().cloudStores().stream()
            .filter(CloudStoreConfig.AwsSecretsManager.class::isInstance)
            .map(CloudStoreConfig.AwsSecretsManager.class::cast)
            .filter(s -> store == null || s.name().equals(store))
            .sorted(Comparator.comparingInt(CloudStoreConfig.AwsSecretsManager::priority))
            .toList();
    if (candidates.isEmpty()) {
      throw CliException.usage(
          store == null
              ? "rotate needs an AWS Secrets Manager store (store_type: aws) in"
                  + " secrets_manager.cloud_stores"
              : "no AWS Secrets Manager store named '"
                  + store
                  + "' in secrets_manager.cloud_stores");
    }
    return candidates.getFirst();
  }

  /**
   * The Key Vault store to rotate in: the one {@code --store} names, or the first by priority when
   * no AWS store is configured; empty when the rotation is Secrets Manager's.
   */
  private Optional<CloudStoreConfig.AzureKeyVault> keyVaultStore(CloudledgerConfig loaded) {
    List<CloudStoreConfig> cloudStores = loaded.secretsManager().cloudStores();
    boolean anyAws =
        cloudStores.stream().anyMatch(CloudStoreConfig.AwsSecretsManager.class::isInstance);
    return cloudStores.stream()
        .filter(CloudStoreConfig.AzureKeyVault.class::isInstance)
        .map(CloudStoreConfig.AzureKeyVault.class::cast)
        .filter(s -> store != null ? s.name().equals(store) : !anyAws)
        .min(Comparator.comparingInt(CloudStoreConfig.AzureKeyVault::priority));
  }

  /** The same four steps with Key Vault as the versioned store (labels kept by tags). */
  private int rotateInKeyVault(
      CloudledgerConfig loaded,
      CloudStoreConfig.AzureKeyVault storeConfig,
      Path file,
      List<RotationStep> steps,
      PrintWriter err,
      OutputFormat format) {
    SecretsManager secrets = LocalSecrets.open(environment, file, err);
    ConfigResolver resolver = new ConfigResolver(environment.env(), secrets::get);
    AzureSecretStores azure = new AzureSecretStores(loaded, resolver);
    String vaultName = azure.store(storeConfig).vaultName(secretId);
    KeyVaultRotations rotations = azure.rotations(storeConfig, Clock.systemUTC());
    Rotation rotation = rotations.forSecret(vaultName);
    String rotationToken =
        token != null
            ? token
            : rotations
                .versions()
                .versions(vaultName)
                .withStage(SecretVersions.PENDING)
                .filter(v -> !v.has(SecretVersions.CURRENT))
                .map(SecretVersion::versionId)
                .orElseGet(() -> UUID.randomUUID().toString());
    List<StepResult> results = new ArrayList<>();
    for (RotationStep s : steps) {
      StepResult result = rotation.step(s, vaultName, rotationToken);
      results.add(result);
      err.println("cloudledger: " + s.cliName() + ": " + result.detail());
    }
    print(format, vaultName, rotationToken, results);
    return ExitCodes.OK;
  }

  /** Resumes the pending rotation if there is one, so a re-run after a crash completes it. */
  private static String pendingOrNewToken(
      AwsSecretStores aws, CloudStoreConfig.AwsSecretsManager store, String awsName) {
    SecretVersions versions = new SecretsManagerVersions(aws.client(store)).versions(awsName);
    return versions
        .withStage(SecretVersions.PENDING)
        .filter(v -> !v.has(SecretVersions.CURRENT))
        .map(SecretVersion::versionId)
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  private void print(
      OutputFormat format, String awsName, String rotationToken, List<StepResult> results) {
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("secret", awsName);
      document.put("token", rotationToken);
      List<Map<String, Object>> steps = new ArrayList<>();
      for (StepResult result : results) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", result.step().cliName());
        step.put("changed", result.changed());
        step.put("detail", result.detail());
        steps.add(step);
      }
      document.put("steps", steps);
      TablePrinter.printJson(out, document);
    } else {
      Table.Builder table = Table.withColumns("STEP", "CHANGED", "DETAIL");
      results.forEach(r -> table.row(r.step().cliName(), r.changed() ? "yes" : "no", r.detail()));
      TablePrinter.print(out, format, table.build());
    }
    out.flush();
  }
}
