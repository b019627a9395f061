package io.cloudledger.sandbox;

import io.cloudledger.sandbox.estate.EstateSpec;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.util.Objects;

/**
 * How to start a {@link Sandbox}: the port (0 = a free one), the estate's shape and seed, and the
 * initial fault plan. Start from {@link #defaults()} and change what you need.
 */
public record SandboxOptions(
    int port,
    int accounts,
    int resourcesPerAccount,
    long seed,
    FaultPlan faults,
    AzureSandboxOptions azure,
    int gcpProjects) {

  public static final int DEFAULT_ACCOUNTS = 3;
  public static final int DEFAULT_RESOURCES_PER_ACCOUNT = 100;
  public static final long DEFAULT_SEED = 42;

  public SandboxOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be within 0..65535, was " + port);
    }
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(azure, "azure");
    new EstateSpec(
        seed, accounts, resourcesPerAccount, gcpProjects); // validates the estate's shape early
  }

  /** An ephemeral port, 3 AWS accounts of 100 resources, no Azure, no GCP, seed 42, no faults. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(
        0,
        DEFAULT_ACCOUNTS,
        DEFAULT_RESOURCES_PER_ACCOUNT,
        DEFAULT_SEED,
        FaultPlan.none(),
        AzureSandboxOptions.none(),
        0);
  }

  public SandboxOptions withPort(int newPort) {
    return new SandboxOptions(
        newPort, accounts, resourcesPerAccount, seed, faults, azure, gcpProjects);
  }

  public SandboxOptions withAccounts(int newAccounts) {
    return new SandboxOptions(
        port, newAccounts, resourcesPerAccount, seed, faults, azure, gcpProjects);
  }

  public SandboxOptions withResourcesPerAccount(int newResources) {
    return new SandboxOptions(port, accounts, newResources, seed, faults, azure, gcpProjects);
  }

  public SandboxOptions withSeed(long newSeed) {
    return new SandboxOptions(
        port, accounts, resourcesPerAccount, newSeed, faults, azure, gcpProjects);
  }

  public SandboxOptions withFaults(FaultPlan newFaults) {
    return new SandboxOptions(
        port, accounts, resourcesPerAccount, seed, newFaults, azure, gcpProjects);
  }

  /** Parses {@code spec} with the grammar of {@link FaultPlan#GRAMMAR}. */
  public SandboxOptions withFaults(String spec) {
    return withFaults(FaultPlan.parse(spec));
  }

  /** The Azure part: subscriptions, page size, Retry-After of injected throttles. */
  public SandboxOptions withAzure(AzureSandboxOptions newAzure) {
    return new SandboxOptions(
        port, accounts, resourcesPerAccount, seed, faults, newAzure, gcpProjects);
  }

  /** {@code count} Azure subscriptions besides the AWS accounts (none by default). */
  public SandboxOptions withAzureSubscriptions(int count) {
    return withAzure(azure.withSubscriptions(count));
  }

  /** GCP projects of {@code resourcesPerAccount} each, besides the AWS accounts (default 0). */
  public SandboxOptions withGcpProjects(int newGcpProjects) {
    return new SandboxOptions(
        port, accounts, resourcesPerAccount, seed, faults, azure, newGcpProjects);
  }

  public EstateSpec estateSpec() {
    return new EstateSpec(seed, accounts, resourcesPerAccount, gcpProjects);
  }
}
