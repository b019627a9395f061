package io.cloudledger.architecture;

import static io.cloudledger.architecture.ArchitectureRules.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.cloudledger.aws.archfixture.AwsConnectorUsingLambdaAdapter;
import io.cloudledger.core.archfixture.CoreUsingCli;
import io.cloudledger.core.archfixture.CoreUsingLambdaRuntime;
import io.cloudledger.lambda.archfixture.LambdaAdapterUsingSandbox;
import org.junit.jupiter.api.Test;

/**
 * Proves each rule can fail: fixture classes that break a rule on purpose must be reported. Without
 * this, a rule with a typo in a package name would pass forever.
 */
class ArchitectureRulesFireTest {
  private static final JavaClasses FIXTURES =
      new ClassFileImporter()
          .importClasses(
              CoreUsingLambdaRuntime.class,
              CoreUsingCli.class,
              AwsConnectorUsingLambdaAdapter.class,
              LambdaAdapterUsingSandbox.class);

  @Test
  void coreUsingAFunctionRuntime_isReported() {
    assertThatThrownBy(() -> CORE_IMPORTS_NO_CLOUD_SDK_OR_RUNTIME.check(FIXTURES))
        .hasMessageContaining("CoreUsingLambdaRuntime")
        .hasMessageContaining("com.amazonaws.services.lambda.runtime.Context");
  }

  @Test
  void coreUsingTheCli_isReported() {
    assertThatThrownBy(() -> CORE_IMPORTS_NO_OTHER_MODULE.check(FIXTURES))
        .hasMessageContaining("CoreUsingCli");
  }

  @Test
  void connectorUsingAnAdapter_isReported() {
    assertThatThrownBy(
            () -> connectorImportsNoOtherConnectorOrAdapter(AWS, AZURE, GCP).check(FIXTURES))
        .hasMessageContaining("AwsConnectorUsingLambdaAdapter");
  }

  @Test
  void adapterUsingTheSandbox_isReported() {
    assertThatThrownBy(() -> ONLY_CLI_USES_SANDBOX.check(FIXTURES))
        .hasMessageContaining("LambdaAdapterUsingSandbox");
  }
}
