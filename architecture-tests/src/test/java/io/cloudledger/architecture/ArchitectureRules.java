package io.cloudledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The module rules of ARCHITECTURE.md, as ArchUnit rules over the production classes. */
final class ArchitectureRules {
  static final String CORE = "io.cloudledger.core..";
  static final String AWS = "io.cloudledger.aws..";
  static final String AZURE = "io.cloudledger.azure..";
  static final String GCP = "io.cloudledger.gcp..";
  static final String LAMBDA = "io.cloudledger.lambda..";
  static final String AZURE_FUNCTIONS = "io.cloudledger.azurefn..";
  static final String GCP_FUNCTIONS = "io.cloudledger.gcf..";
  static final String CLI = "io.cloudledger.cli..";
  static final String SANDBOX = "io.cloudledger.sandbox..";
  static final String INFRA = "io.cloudledger.infra..";

  static final String[] CLOUD_SDKS_AND_RUNTIMES = {
    "software.amazon.awssdk..",
    "com.amazonaws..",
    "com.azure..",
    "com.microsoft.azure..",
    "com.google.cloud..",
    "com.google.api..",
    "com.google.auth..",
    "software.amazon.awscdk..",
  };

  static final String[] ADAPTERS = {LAMBDA, AZURE_FUNCTIONS, GCP_FUNCTIONS};

  private ArchitectureRules() {}

  /** The core is provider-neutral: no cloud SDK, no function runtime, no outer module. */
  static final ArchRule CORE_IMPORTS_NO_CLOUD_SDK_OR_RUNTIME =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CLOUD_SDKS_AND_RUNTIMES)
          .because("functions-core must run unchanged on every cloud and in tests");

  static final ArchRule CORE_IMPORTS_NO_OTHER_MODULE =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              AWS, AZURE, GCP, LAMBDA, AZURE_FUNCTIONS, GCP_FUNCTIONS, CLI, SANDBOX, INFRA)
          .because("arrows point one way: core <- connectors <- adapters and cli");

  static ArchRule connectorImportsNoOtherConnectorOrAdapter(String connector, String... others) {
    return noClasses()
        .that()
        .resideInAPackage(connector)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(others, LAMBDA, AZURE_FUNCTIONS, GCP_FUNCTIONS, CLI, INFRA))
        .because("a connector never imports another connector or an adapter")
        // Until a connector has code, its rule has nothing to check; the fixture test proves
        // the rule itself fires.
        .allowEmptyShould(true);
  }

  static ArchRule adapterImportsNoOtherAdapterOrCli(String adapter) {
    String[] forbidden =
        java.util.Arrays.stream(concat(ADAPTERS, CLI))
            .filter(p -> !p.equals(adapter))
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage(adapter)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .because("adapters are thin and independent of each other")
        .allowEmptyShould(true);
  }

  /** The sandbox is a test and demo dependency: only the CLI (demo, bench) may use it. */
  static final ArchRule ONLY_CLI_USES_SANDBOX =
      noClasses()
          .that()
          .resideOutsideOfPackages(SANDBOX, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SANDBOX)
          .because("the sandbox must never be a runtime dependency of a deployable");

  /** The sandbox stands alone, so it can emulate the clouds without knowing our code. */
  static final ArchRule SANDBOX_IMPORTS_NO_PRODUCT_CODE =
      noClasses()
          .that()
          .resideInAPackage(SANDBOX)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              CORE, AWS, AZURE, GCP, LAMBDA, AZURE_FUNCTIONS, GCP_FUNCTIONS, CLI, INFRA)
          .allowEmptyShould(true);

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
