package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BillingExportConfigTest {
  static final String GCP = "cloud_sessions:\n  - name: g\n    session_type: gcp\n";

  static GcpSession only(String yaml) {
    return (GcpSession) ConfigLoader.parse(yaml, Fixtures.INLINE).sessions().get(0);
  }

  @Test
  void billingExportTable_whenAbsent_isUnset() {
    assertThat(only(GCP).billingExportTable().isSet()).isFalse();
  }

  @Test
  void billingExportTable_whenAProjectDatasetTable_isKept() {
    GcpSession session =
        only(
            GCP
                + "    billing_export_table: my-billing.billing.gcp_billing_export_v1_01A2B3_C4D5E6\n");
    assertThat(session.billingExportTable())
        .isInstanceOfSatisfying(
            ConfigValue.Literal.class,
            v ->
                assertThat(v.value().reveal())
                    .isEqualTo("my-billing.billing.gcp_billing_export_v1_01A2B3_C4D5E6"));
  }

  @Test
  void billingExportTable_whenNotProjectDatasetTable_isAnErrorNamingKeyAndShape() {
    for (String bad :
        List.of(
            "billing.gcp_billing_export_v1_X",
            "My_Project.billing.t",
            "p-1234.a.b.c",
            "p-1234.a.`t`")) {
      List<ConfigProblem> errors =
          Fixtures.errors(GCP + "    billing_export_table: '" + bad + "'\n");
      assertThat(errors).as(bad).hasSize(1);
      assertThat(errors.get(0).toString())
          .contains("billing_export_table")
          .contains("project.dataset.table");
    }
  }

  @Test
  void billingExportTable_onAnAwsSession_isAnUnknownKey() {
    List<ConfigProblem> errors =
        Fixtures.errors(
            "cloud_sessions:\n  - name: a\n    session_type: aws\n    billing_export_table: p-1234.b.t\n");
    assertThat(errors).isNotEmpty();
    assertThat(errors.get(0).toString()).contains("billing_export_table");
  }
}
