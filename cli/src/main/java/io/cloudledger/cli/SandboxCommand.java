package io.cloudledger.cli;

import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger sandbox}: runs the local cloud in the foreground until interrupted (Ctrl-C),
 * printing its endpoints and a ready-to-use {@code cloudledger.yaml}.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the local cloud sandbox (the AWS, Azure, GCP and Vault wire protocols) until Ctrl-C.",
      "Prints its endpoints on stderr and a cloudledger.yaml for its estate on stdout."
    })
final class SandboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port on 127.0.0.1 (default: a free one).")
  int port;

  @Option(
      names = "--accounts",
      defaultValue = "" + SandboxOptions.DEFAULT_ACCOUNTS,
      description = "AWS accounts in the estate (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--resources",
      defaultValue = "" + SandboxOptions.DEFAULT_RESOURCES_PER_ACCOUNT,
      description = "Resources per account (default ${DEFAULT-VALUE}).")
  int resources;

  @Option(
      names = "--seed",
      defaultValue = "" + SandboxOptions.DEFAULT_SEED,
      description = "Seed of the generated estate (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description = "Faults to inject, e.g. 'DescribeInstances@*:throttle=0.3;*:latency=50'.")
  String faults;

  @Override
  public Integer call() {
    SandboxOptions options =
        SandboxOptions.defaults()
            .withAzureSubscriptions(SandboxEstate.AZURE_SUBSCRIPTIONS)
            .withPort(port)
            .withAccounts(accounts)
            .withResourcesPerAccount(resources)
            .withSeed(seed);
    if (faults != null) {
      options = options.withFaults(faults);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Sandbox sandbox = Sandbox.start(options)) {
      err.print(sandbox.summary());
      err.println("Press Ctrl-C to stop.");
      err.flush();
      out.print(sandbox.cloudledgerYaml());
      out.flush();
      Thread hook = new Thread(stopped::countDown, "sandbox-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException interrupted) {
        // Interrupting the command is how an embedding (or a test) stops the sandbox.
        Thread.currentThread().interrupt();
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    return ExitCodes.OK;
  }
}
