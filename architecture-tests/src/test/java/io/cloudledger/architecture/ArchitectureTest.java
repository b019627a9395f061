package io.cloudledger.architecture;

import static io.cloudledger.architecture.ArchitectureRules.*;

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
  void sandbox_importsNoProductCode() {
    SANDBOX_IMPORTS_NO_PRODUCT_CODE.check(production);
  }
}
