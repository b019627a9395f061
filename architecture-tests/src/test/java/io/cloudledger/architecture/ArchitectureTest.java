package io.cloudledger.architecture;

import static io.cloudledger.architecture.ArchitectureRules.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the module rules against every module's production classes. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cloudledger");
  }

  @Test
  void core_importsNoCloudSdkOrFunctionRuntime() {
    CORE_IMPORTS_NO_CLOUD_SDK_OR_RUNTIME.check(production);
  }

  @Test
  void core_importsNoOtherModule() {
    CORE_IMPORTS_NO_OTHER_MODULE.check(production);
  }

  @Test
  void connectors_importNoOtherConnectorOrAdapter() {
    connectorImportsNoOtherConnectorOrAdapter(AWS, AZURE, GCP).check(production);
    connectorImportsNoOtherConnectorOrAdapter(AZURE, AWS, GCP).check(production);
    connectorImportsNoOtherConnectorOrAdapter(GCP, AWS, AZURE).check(production);
  }

  @Test
  void adapters_importNoOtherAdapterOrCli() {
    for (String adapter : ADAPTERS) {
      adapterImportsNoOtherAdapterOrCli(adapter).check(production);
    }
  }

  @Test
  void sandbox_isUsedOnlyByCliAndTests() {
    ONLY_CLI_USES_SANDBOX.check(production);
  }

  @Test
  void adapters_entryPointsOnlyTranslate() {
    TranslationLayerRules.ENTRY_POINTS_ONLY_TRANSLATE.check(production);
  }

  @Test
  void adapters_handlerClassesStaySmall() {
    TranslationLayerRules.HANDLER_CLASSES_STAY_SMALL.check(production);
  }

  /**
   * The translation-layer rules find every Lambda handler, and an adapter package with code has at
   * least one entry point: a platform type they do not recognize cannot make them pass empty.
   */
  @Test
  void translationLayerRules_findTheEntryPointsOfEveryAdapterWithCode() {
    assertThat(TranslationLayerRules.handlerClasses(production, "io.cloudledger.lambda"))
        .contains(
            "io.cloudledger.lambda.FanOutHandler",
            "io.cloudledger.lambda.SyncWorkerHandler",
            "io.cloudledger.lambda.SyncTriggerHandler",
            "io.cloudledger.lambda.rotation.RotationHandler");
    for (String adapter : TranslationLayerRules.ADAPTER_PACKAGES) {
      boolean hasCode =
          production.stream()
              .anyMatch(
                  c ->
                      c.getPackageName().startsWith(adapter)
                          && !c.getSimpleName().equals("package-info"));
      if (hasCode) {
        assertThat(TranslationLayerRules.handlerClasses(production, adapter))
            .as("entry points found in %s", adapter)
            .isNotEmpty();
      }
    }
    for (String handler : TranslationLayerRules.handlerClasses(production, "io.cloudledger")) {
      var javaClass = production.get(handler);
      System.out.printf(
          "translation layer: %s: %d lines of method code; entry points %s%n",
          handler,
          TranslationLayerRules.classLines(javaClass),
          TranslationLayerRules.entryPoints(javaClass).stream()
              .map(m -> m.getName() + "=" + TranslationLayerRules.lines(m) + " lines")
              .toList());
    }
  }

  @Test
  void sandbox_importsNoProductCode() {
    SANDBOX_IMPORTS_NO_PRODUCT_CODE.check(production);
  }
}
