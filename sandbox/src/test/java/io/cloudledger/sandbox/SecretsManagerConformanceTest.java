package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Secrets Manager's version and staging-label contract, through the real SDK client. */
class SecretsManagerConformanceTest {
  static Sandbox sandbox;
  static SecretsManagerClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    client =
        SecretsManagerClient.builder()
            .endpointOverride(sandbox.endpoints().aws())
            .region(Region.US_EAST_1)
            .credentialsProvider(SdkClients.management(sandbox))
            .httpClient(SdkClients.HTTP)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void createAndGet_returnsCurrentVersionWithTagsInDescribe() {
    var created =
        client.createSecret(
            r ->
                r.name("conf/create")
                    .secretString("v1")
                    .tags(Tag.builder().key("team").value("core").build()));
    assertThat(created.arn())
        .startsWith("arn:aws:secretsmanager:us-east-1:")
        .contains(":secret:conf/create-");

    var value = client.getSecretValue(r -> r.secretId("conf/create"));
    assertThat(value.secretString()).isEqualTo("v1");
    assertThat(value.versionStages()).containsExactly("AWSCURRENT");
    assertThat(value.versionId()).isEqualTo(created.versionId());
    assertThat(client.getSecretValue(r -> r.secretId(created.arn())).secretString())
        .isEqualTo("v1");

    DescribeSecretResponse described = client.describeSecret(r -> r.secretId("conf/create"));
    assertThat(described.tags()).extracting(Tag::key).containsExactly("team");
    assertThat(described.versionIdsToStages())
        .containsEntry(created.versionId(), List.of("AWSCURRENT"));
    assertThatThrownBy(() -> client.createSecret(r -> r.name("conf/create").secretString("x")))
        .isInstanceOf(ResourceExistsException.class);
  }

  @Test
  void putSecretValue_withSameTokenIsNoOpAndWithOtherValueIsRefused() {
    client.createSecret(r -> r.name("conf/idem").secretString("old"));
    String token = "11111111-1111-1111-1111-111111111111";
    var first =
        client.putSecretValue(
            r ->
                r.secretId("conf/idem")
                    .clientRequestToken(token)
                    .secretString("new")
                    .versionStages("AWSPENDING"));
    var again =
        client.putSecretValue(
            r ->
                r.secretId("conf/idem")
                    .clientRequestToken(token)
                    .secretString("new")
                    .versionStages("AWSPENDING"));
    assertThat(again.versionId()).isEqualTo(first.versionId()).isEqualTo(token);
    assertThatThrownBy(
            () ->
                client.putSecretValue(
                    r -> r.secretId("conf/idem").clientRequestToken(token).secretString("other")))
        .isInstanceOf(ResourceExistsException.class);
    assertThat(client.getSecretValue(r -> r.secretId("conf/idem")).secretString()).isEqualTo("old");
    assertThat(
            client
                .getSecretValue(r -> r.secretId("conf/idem").versionStage("AWSPENDING"))
                .secretString())
        .isEqualTo("new");
  }

  @Test
  void movingCurrent_makesOldCurrentPrevious_andRequiresRemoveFrom() {
    String oldId = client.createSecret(r -> r.name("conf/stage").secretString("a")).versionId();
    String newId =
        client
            .putSecretValue(
                r -> r.secretId("conf/stage").secretString("b").versionStages("AWSPENDING"))
            .versionId();

    assertThatThrownBy(
            () ->
                client.updateSecretVersionStage(
                    r ->
                        r.secretId("conf/stage").versionStage("AWSCURRENT").moveToVersionId(newId)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("RemoveFromVersionId");
    client.updateSecretVersionStage(
        r ->
            r.secretId("conf/stage")
                .versionStage("AWSCURRENT")
                .moveToVersionId(newId)
                .removeFromVersionId(oldId));
    client.updateSecretVersionStage(
        r -> r.secretId("conf/stage").versionStage("AWSPENDING").removeFromVersionId(newId));

    assertThat(client.describeSecret(r -> r.secretId("conf/stage")).versionIdsToStages())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(newId, List.of("AWSCURRENT"), oldId, List.of("AWSPREVIOUS")));
    assertThat(
            client
                .getSecretValue(r -> r.secretId("conf/stage").versionStage("AWSPREVIOUS"))
                .secretString())
        .isEqualTo("a");
    assertThatThrownBy(
            () -> client.getSecretValue(r -> r.secretId("conf/stage").versionStage("AWSPENDING")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                client.getSecretValue(
                    r -> r.secretId("conf/stage").versionId(oldId).versionStage("AWSCURRENT")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listSecrets_pagesAndFiltersByNamePrefix_deleteRemoves() {
    for (int i = 0; i < 5; i++) {
      String name = "conf/list/s" + i;
      client.createSecret(r -> r.name(name).secretString("x"));
    }
    List<String> names =
        client
            .listSecretsPaginator(
                r ->
                    r.maxResults(2)
                        .filters(
                            Filter.builder()
                                .key(FilterNameStringType.NAME)
                                .values("conf/list/")
                                .build()))
            .stream()
            .flatMap(page -> page.secretList().stream())
            .map(SecretListEntry::name)
            .toList();
    assertThat(names)
        .containsExactly(
            "conf/list/s0", "conf/list/s1", "conf/list/s2", "conf/list/s3", "conf/list/s4");

    client.deleteSecret(r -> r.secretId("conf/list/s0").forceDeleteWithoutRecovery(true));
    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("conf/list/s0")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
