package io.cloudledger.architecture;

import static io.cloudledger.architecture.TranslationLayerRules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.cloudledger.azurefn.archfixture.AzureFunctionCallingAnSdk;
import io.cloudledger.gcf.archfixture.HttpFunctionWithLogic;
import io.cloudledger.gcf.archfixture.ThinCloudEventsFunction;
import io.cloudledger.lambda.archfixture.LongLambdaHandler;
import org.junit.jupiter.api.Test;

/** Proves the translation-layer rules fire, one fixture per platform, and spare a thin one. */
class TranslationLayerRulesFireTest {
  private static final JavaClasses FIXTURES =
      new ClassFileImporter()
          .importClasses(
              LongLambdaHandler.class,
              AzureFunctionCallingAnSdk.class,
              HttpFunctionWithLogic.class,
              ThinCloudEventsFunction.class);

  @Test
  void entryPoints_ofEveryPlatform_areFound() {
    assertThat(handlerClasses(FIXTURES, "io.cloudledger"))
        .containsExactlyInAnyOrder(
            LongLambdaHandler.class.getName(),
            AzureFunctionCallingAnSdk.class.getName(),
            HttpFunctionWithLogic.class.getName(),
            ThinCloudEventsFunction.class.getName());
  }

  @Test
  void aLambdaEntryPointOfMoreThan40Lines_isReported() {
    assertThatThrownBy(() -> ENTRY_POINTS_ONLY_TRANSLATE.check(FIXTURES))
        .hasMessageContaining("LongLambdaHandler.handleRequest")
        .hasMessageContaining("spans 47 lines (at most 40)");
  }

  @Test
  void anAzureFunctionCallingACloudSdk_isReported() {
    assertThatThrownBy(() -> ENTRY_POINTS_ONLY_TRANSLATE.check(FIXTURES))
        .hasMessageContaining("AzureFunctionCallingAnSdk.run")
        .hasMessageContaining("software.amazon.awssdk.services.sqs.SqsClient");
  }

  @Test
  void aCloudFunctionWithLogicInHelpers_isReported() {
    assertThatThrownBy(() -> HANDLER_CLASSES_STAY_SMALL.check(FIXTURES))
        .hasMessageContaining(HttpFunctionWithLogic.class.getName() + " has ")
        .hasMessageContaining("(at most 120)");
  }

  @Test
  void aThinFunction_passesBothRules() {
    JavaClasses thin = new ClassFileImporter().importClasses(ThinCloudEventsFunction.class);
    ENTRY_POINTS_ONLY_TRANSLATE.check(thin);
    HANDLER_CLASSES_STAY_SMALL.check(thin);
    assertThat(classLines(thin.get(ThinCloudEventsFunction.class))).isBetween(2, 5);
  }
}
