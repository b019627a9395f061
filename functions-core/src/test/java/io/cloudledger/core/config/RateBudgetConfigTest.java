package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.RateBudget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateBudgetConfigTest {
  private static final String SESSIONS = "cloud_sessions:\n  - name: a\n    session_type: aws\n";

  @Test
  void rateBudgets_whenAbsent_areTheDocumentedDefaults() {
    RateBudgetConfig budgets = ConfigLoader.parse(SESSIONS, Fixtures.INLINE).rateBudgets();

    assertThat(budgets).isEqualTo(RateBudgetConfig.defaults());
    assertThat(budgets.budgets()).containsEntry(ApiBudgets.AWS_EC2, new RateBudget(100, 20));
    assertThat(budgets.budgets()).containsEntry(ApiBudgets.AZURE_ARM, new RateBudget(250, 25));
  }

  @Test
  void rateBudgets_namedApis_replaceTheirDefault_andTheWaitIsSet() {
    RateBudgetConfig budgets =
        ConfigLoader.parse(
                SESSIONS + "rate_budgets:\n  aws.ec2: 40/10\n  max_wait_seconds: 5\n",
                Fixtures.INLINE)
            .rateBudgets();

    assertThat(budgets.budgets()).containsEntry(ApiBudgets.AWS_EC2, new RateBudget(40, 10));
    assertThat(budgets.budgets())
        .containsEntry(ApiBudgets.GCP_COMPUTE, ApiBudgets.documentedDefaults().get("gcp.compute"));
    assertThat(budgets.maxWait()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void rateBudgets_malformedOrUnknown_areErrorsNamingTheKey() {
    List<ConfigProblem> errors =
        Fixtures.errors(SESSIONS + "rate_budgets:\n  aws.ec2: lots\n  aws.ec3: 1/1\n");

    assertThat(errors).hasSize(2);
    assertThat(errors.toString())
        .contains("rate_budgets.aws.ec2")
        .contains("CAPACITY/PER_SECOND")
        .contains("aws.ec3");
  }
}
