package io.cloudledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaConfigYamlTest {

  @Test
  void of_givesOneSessionPerAccount_assumingItsMemberRole_withTheExternalIdFromTheEnvironment() {
    CloudledgerConfig config =
        ConfigLoader.parse(
            LambdaConfigYaml.of(List.of("111111111111", "222222222222"), "reader", "aws"),
            Path.of("(test)"));

    assertThat(config.sessions())
        .hasSize(2)
        .allSatisfy(
            session -> {
              AwsSession aws = (AwsSession) session;
              assertThat(aws.externalId())
                  .isInstanceOfSatisfying(
                      ConfigValue.EnvReference.class,
                      ref ->
                          assertThat(ref.name()).isEqualTo(LambdaConfigYaml.EXTERNAL_ID_VARIABLE));
            });
    assertThat(((AwsSession) config.sessions().get(0)).roleArn())
        .isInstanceOfSatisfying(
            ConfigValue.Literal.class,
            arn ->
                assertThat(arn.value().reveal())
                    .isEqualTo("arn:aws:iam::111111111111:role/reader"));
  }

  @Test
  void of_withoutAccounts_isAValidConfigThatSyncsNothing() {
    String yaml = LambdaConfigYaml.of(List.of(), "reader", "aws");

    assertThat(ConfigLoader.parse(yaml, Path.of("(test)")).sessions()).isEmpty();
    // LambdaSettings takes a value starting with cloud_sessions: as YAML, not as a path.
    assertThat(yaml).startsWith("cloud_sessions:");
  }

  @Test
  void of_withAPayer_marksOnlyItsSessionForCostExplorer() {
    CloudledgerConfig config =
        ConfigLoader.parse(
            LambdaConfigYaml.of(
                List.of("111111111111", "222222222222"), "reader", "aws", "222222222222"),
            Path.of("(test)"));
    assertThat(config.sessions())
        .extracting(s -> ((AwsSession) s).costExplorer())
        .containsExactly(false, true);
  }
}
