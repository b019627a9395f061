package io.cloudledger.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretValue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** {@link AwsSecretsManagerStore#metadata} from DescribeSecret, against the sandbox. */
class AwsSecretsManagerStoreMetadataTest {
  static SandboxAws aws;

  @BeforeAll
  static void start() {
    aws = new SandboxAws();
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void metadata_hasCreatedAndChangedDates_currentVersionId_andTags() {
    AwsSecretsManagerStore store =
        new AwsSecretsManagerStore("aws_secrets", 200, "meta/", aws.secretsManager());
    Instant before = Instant.now().minusSeconds(2);
    aws.secretsManager()
        .createSecret(
            r ->
                r.name("meta/db_password")
                    .secretString("first-value")
                    .tags(Tag.builder().key("owner").value("ledger").build()));
    store.set("db_password", SecretValue.of("second-value"));
    String current =
        aws.secretsManager().getSecretValue(r -> r.secretId("meta/db_password")).versionId();

    SecretMetadata metadata = store.metadata("db_password").orElseThrow();

    assertThat(metadata.created()).hasValueSatisfying(t -> assertThat(t).isAfter(before));
    assertThat(metadata.updated().orElseThrow()).isAfterOrEqualTo(metadata.created().orElseThrow());
    assertThat(metadata.version()).contains(current);
    assertThat(metadata.tags()).isEqualTo(Map.of("owner", "ledger"));
    assertThat(metadata.expires()).isEmpty();
    assertThat(metadata.toString()).doesNotContain("second-value");
    assertThat(store.metadata("missing")).isEmpty();
  }
}
