package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcpAccountDirectoryTest {
  private static final ConfigResolver RESOLVER =
      new ConfigResolver(Map.of("THIRD", "proj-ccc"), SecretLookup.none());

  @Test
  void accounts_areTheProjectsOfEveryGcpSession_inKeyOrder_otherCloudsSkipped() {
    GcpAccountDirectory directory =
        GcpAccountDirectory.create(
            config(
                """
                cloud_sessions:
                  - name: main
                    session_type: gcp
                    project_ids: [proj-bbb, ENV/THIRD]
                  - name: other
                    session_type: gcp
                    project_ids: [proj-aaa]
                  - name: aws_prod
                    session_type: aws
                    region: us-east-1
                    role_arn: arn:aws:iam::123456789012:role/reader
                """),
            RESOLVER,
            GcpSourceSettings.defaults());

    assertThat(directory.accounts())
        .containsExactly(
            AccountKey.parse("gcp#proj-aaa"),
            AccountKey.parse("gcp#proj-bbb"),
            AccountKey.parse("gcp#proj-ccc"));
  }

  @Test
  void create_whenTwoSessionsListTheSameProject_namesBoth() {
    CloudledgerConfig config =
        config(
            """
            cloud_sessions:
              - name: one
                session_type: gcp
                project_ids: [shared-proj]
              - name: two
                session_type: gcp
                project_ids: [shared-proj]
            """);
    assertThatThrownBy(
            () -> GcpAccountDirectory.create(config, RESOLVER, GcpSourceSettings.defaults()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("'one' and 'two' both list gcp#shared-proj");
  }

  @Test
  void withInventorySource_ofAnUnconfiguredProject_isPermanent() {
    GcpAccountDirectory directory =
        GcpAccountDirectory.create(
            config(
                """
                cloud_sessions:
                  - name: main
                    session_type: gcp
                    project_ids: [proj-aaa]
                """),
            RESOLVER,
            GcpSourceSettings.defaults());
    assertThatThrownBy(
            () -> directory.withInventorySource(AccountKey.parse("gcp#elsewhere"), s -> 1))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("gcp#elsewhere");
  }

  private static CloudledgerConfig config(String yaml) {
    return ConfigLoader.parse(yaml, Path.of("test.yaml"));
  }
}
