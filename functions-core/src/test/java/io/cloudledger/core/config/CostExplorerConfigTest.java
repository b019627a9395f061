package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostExplorerConfigTest {

  static AwsSession only(String yaml) {
    CloudledgerConfig config = ConfigLoader.parse(yaml, Fixtures.INLINE);
    return (AwsSession) config.sessions().get(0);
  }

  @Test
  void costExplorer_whenAbsent_isFalse() {
    assertThat(only("cloud_sessions:\n  - name: a\n    session_type: aws\n").costExplorer())
        .isFalse();
  }

  @Test
  void costExplorer_whenTrue_marksThePayerSession() {
    assertThat(
            only("cloud_sessions:\n  - name: payer\n    session_type: aws\n    cost_explorer: true\n")
                .costExplorer())
        .isTrue();
  }

  @Test
  void costExplorer_whenNotABoolean_isAnErrorNamingTheKey() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            "cloud_sessions:\n  - name: payer\n    session_type: aws\n    cost_explorer: payer\n");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).toString())
        .contains("cost_explorer")
        .contains("expected true or false");
  }

  @Test
  void costExplorer_onAnAzureSession_isAnUnknownKey() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            "cloud_sessions:\n  - name: z\n    session_type: azure\n    cost_explorer: true\n");
    assertThat(errors).isNotEmpty();
    assertThat(errors.get(0).toString()).contains("cost_explorer");
  }
}
