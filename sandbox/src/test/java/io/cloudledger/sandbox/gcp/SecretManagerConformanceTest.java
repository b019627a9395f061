package io.cloudledger.sandbox.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.UnauthenticatedException;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.ProjectName;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Rotation;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.cloud.secretmanager.v1.Topic;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Secret Manager routes through the real {@code SecretManagerServiceClient} over its HTTP/JSON
 * transport on plain http, authenticated by a service-account key whose token endpoint is the
 * sandbox's; plus the raw error JSON as Google writes it.
 */
class SecretManagerConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger IDS = new AtomicInteger();
  private static Sandbox sandbox;
  private static GcpProject project;
  private static GoogleCredentials credentials;
  private static SecretManagerServiceClient client;

  @BeforeAll
  static void start() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(1)
                .withResourcesPerAccount(5));
    project = sandbox.estate().gcp().projects().getFirst();
    credentials =
        ServiceAccountCredentials.fromStream(
                new ByteArrayInputStream(
                    sandbox.gcpServiceAccountKey().getBytes(StandardCharsets.UTF_8)))
            .createScoped("https://www.googleapis.com/auth/cloud-platform");
    client =
        SecretManagerServiceClient.create(
            SecretManagerServiceSettings.newHttpJsonBuilder()
                .setEndpoint(sandbox.gcpEndpoint().toString())
                .setCredentialsProvider(FixedCredentialsProvider.create(credentials))
                .build());
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  /**
   * The whole failure text: the HTTP/JSON transport names only the HTTP reason ("Bad Request") in
   * its exception and keeps Google's error body in the cause.
   */
  private static String chain(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append('\n');
    }
    return out.toString();
  }

  /** The HTTP status the client saw; the transport maps gax codes from it alone. */
  private static int httpStatus(Throwable e) {
    return (Integer) ((ApiException) e).getStatusCode().getTransportCode();
  }

  private static String newId() {
    return "secret-" + IDS.incrementAndGet();
  }

  private static Secret create(String id, Secret.Builder secret) {
    return client.createSecret(
        ProjectName.of(project.projectId()),
        id,
        secret
            .setReplication(
                Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance()))
            .build());
  }

  private static SecretVersion add(String id, String value) {
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(data);
    return client.addSecretVersion(
        SecretName.of(project.projectId(), id),
        SecretPayload.newBuilder()
            .setData(ByteString.copyFrom(data))
            .setDataCrc32C(crc.getValue())
            .build());
  }

  private static String access(String id, String version) {
    AccessSecretVersionResponse response =
        client.accessSecretVersion(SecretVersionName.of(project.projectId(), id, version));
    CRC32C crc = new CRC32C();
    crc.update(response.getPayload().getData().toByteArray());
    assertThat(response.getPayload().getDataCrc32C()).isEqualTo(crc.getValue());
    return response.getPayload().getData().toStringUtf8();
  }

  @Test
  void create_returnsTheSecretNamedByProjectNumber_withLabelsAndCreateTime() {
    String id = newId();
    Instant before = Instant.now().minusSeconds(1);

    Secret created = create(id, Secret.newBuilder().putLabels("team", "ledger"));
    Secret read = client.getSecret(SecretName.of(project.projectId(), id));

    assertThat(created.getName())
        .isEqualTo("projects/" + project.projectNumber() + "/secrets/" + id);
    assertThat(read.getLabelsMap()).containsExactly(Map.entry("team", "ledger"));
    assertThat(read.getReplication().hasAutomatic()).isTrue();
    assertThat(Instant.ofEpochSecond(read.getCreateTime().getSeconds())).isAfter(before);
    assertThat(read.getEtag()).isNotBlank();
  }

  @Test
  void create_twice_isAlreadyExists_andWithoutReplication_isInvalid() {
    String id = newId();
    create(id, Secret.newBuilder());

    // 409 is ABORTED to the HTTP/JSON transport; the body says ALREADY_EXISTS.
    assertThatThrownBy(() -> create(id, Secret.newBuilder()))
        .isInstanceOf(AbortedException.class)
        .satisfies(e -> assertThat(chain(e)).contains("ALREADY_EXISTS", "already exists"));
    assertThatThrownBy(
            () ->
                client.createSecret(
                    ProjectName.of(project.projectId()), newId(), Secret.getDefaultInstance()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> create("bad/id", Secret.newBuilder()))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void versions_areNumbered_latestIsTheNewest_andNumberedVersionsStayReadable() {
    String id = newId();
    create(id, Secret.newBuilder());

    SecretVersion first = add(id, "first-value");
    SecretVersion second = add(id, "second-value");

    assertThat(first.getName()).endsWith("/secrets/" + id + "/versions/1");
    assertThat(second.getName()).endsWith("/versions/2");
    assertThat(second.getState()).isEqualTo(SecretVersion.State.ENABLED);
    assertThat(second.getClientSpecifiedPayloadChecksum()).isTrue();
    assertThat(access(id, "latest")).isEqualTo("second-value");
    assertThat(access(id, "1")).isEqualTo("first-value");
    assertThat(
            client
                .accessSecretVersion(SecretVersionName.of(project.projectId(), id, "latest"))
                .getName())
        .endsWith("/versions/2");
    List<String> listed = new ArrayList<>();
    client
        .listSecretVersions(SecretName.of(project.projectId(), id))
        .iterateAll()
        .forEach(v -> listed.add(v.getName().substring(v.getName().lastIndexOf('/') + 1)));
    assertThat(listed).containsExactly("2", "1");
  }

  @Test
  void access_withoutVersions_orUnknownVersion_isNotFound() {
    String id = newId();
    create(id, Secret.newBuilder());

    assertThatThrownBy(() -> access(id, "latest"))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(chain(e)).contains("not found or has no versions"));
    add(id, "v1");
    assertThatThrownBy(() -> access(id, "7")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> access("never-created", "latest"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void disabledVersion_cannotBeAccessed_untilEnabled_destroyedOneNeverAgain() {
    String id = newId();
    create(id, Secret.newBuilder());
    add(id, "one");
    add(id, "two");
    SecretVersionName two = SecretVersionName.of(project.projectId(), id, "2");

    assertThat(client.disableSecretVersion(two).getState()).isEqualTo(SecretVersion.State.DISABLED);
    // FAILED_PRECONDITION is HTTP 400, which the HTTP/JSON transport reports as invalid argument.
    assertThatThrownBy(() -> access(id, "latest"))
        .isInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(chain(e)).contains("FAILED_PRECONDITION", "DISABLED state"));
    assertThat(access(id, "1")).isEqualTo("one");
    assertThat(client.enableSecretVersion(two).getState()).isEqualTo(SecretVersion.State.ENABLED);
    assertThat(access(id, "latest")).isEqualTo("two");

    SecretVersion destroyed = client.destroySecretVersion(two);
    assertThat(destroyed.getState()).isEqualTo(SecretVersion.State.DESTROYED);
    assertThat(destroyed.hasDestroyTime()).isTrue();
    assertThatThrownBy(() -> access(id, "2"))
        .satisfies(e -> assertThat(chain(e)).contains("DESTROYED state"));
    assertThatThrownBy(() -> client.enableSecretVersion(two))
        .satisfies(e -> assertThat(httpStatus(e)).isEqualTo(400))
        .satisfies(e -> assertThat(chain(e)).contains("FAILED_PRECONDITION"));
  }

  @Test
  void addVersion_withAWrongChecksum_isRefusedAndAddsNothing() {
    String id = newId();
    create(id, Secret.newBuilder());

    assertThatThrownBy(
            () ->
                client.addSecretVersion(
                    SecretName.of(project.projectId(), id),
                    SecretPayload.newBuilder()
                        .setData(ByteString.copyFromUtf8("payload"))
                        .setDataCrc32C(12345)
                        .build()))
        .isInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(chain(e)).contains("Checksum mismatch"));
    assertThat(client.listSecretVersions(SecretName.of(project.projectId(), id)).iterateAll())
        .isEmpty();
  }

  @Test
  void list_pagesWithPageToken_andReturnsEverySecretOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "paged-" + newId();
      create(id, Secret.newBuilder());
      ids.add(id);
    }
    long before = sandbox.counters().calls("secretmanager.secrets.list", project.projectId());

    List<String> listed = new ArrayList<>();
    client
        .listSecrets(
            com.google.cloud.secretmanager.v1.ListSecretsRequest.newBuilder()
                .setParent(ProjectName.of(project.projectId()).toString())
                .setPageSize(2)
                .setFilter("name:paged-")
                .build())
        .iterateAll()
        .forEach(s -> listed.add(s.getName().substring(s.getName().lastIndexOf('/') + 1)));

    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
    assertThat(sandbox.counters().calls("secretmanager.secrets.list", project.projectId()) - before)
        .isEqualTo(3);
  }

  @Test
  void delete_removesTheSecretAndItsVersions() {
    String id = newId();
    create(id, Secret.newBuilder());
    add(id, "gone-soon");

    client.deleteSecret(SecretName.of(project.projectId(), id));

    assertThatThrownBy(() -> client.getSecret(SecretName.of(project.projectId(), id)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> access(id, "1")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteSecret(SecretName.of(project.projectId(), id)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void rotationAndTopics_roundTrip_andRotationWithoutTopicIsInvalid() {
    String id = newId();
    Timestamp next =
        Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() + 86_400).build();
    Rotation rotation =
        Rotation.newBuilder()
            .setNextRotationTime(next)
            .setRotationPeriod(Duration.newBuilder().setSeconds(7 * 86_400))
            .build();
    String topic = "projects/" + project.projectId() + "/topics/rotations";

    Secret created =
        create(
            id,
            Secret.newBuilder().setRotation(rotation).addTopics(Topic.newBuilder().setName(topic)));

    assertThat(created.getRotation()).isEqualTo(rotation);
    assertThat(created.getTopicsList()).extracting(Topic::getName).containsExactly(topic);
    assertThatThrownBy(() -> create(newId(), Secret.newBuilder().setRotation(rotation)))
        .isInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(chain(e)).contains("topic"));
  }

  @Test
  void ttl_becomesExpireTime_andTheSecretIsGoneAfterIt() throws Exception {
    String id = newId();

    Secret created = create(id, Secret.newBuilder().setTtl(Duration.newBuilder().setSeconds(1)));

    assertThat(created.hasExpireTime()).isTrue();
    assertThat(created.getExpireTime().getSeconds())
        .isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 2);
    Thread.sleep(1_200);
    assertThatThrownBy(() -> client.getSecret(SecretName.of(project.projectId(), id)))
        .isInstanceOf(NotFoundException.class);
  }

  private static Secret setAliases(String id, Map<String, Long> aliases, String etag) {
    return client.updateSecret(
        Secret.newBuilder()
            .setName(SecretName.of(project.projectId(), id).toString())
            .putAllVersionAliases(aliases)
            .setEtag(etag)
            .build(),
        FieldMask.newBuilder().addPaths("version_aliases").build());
  }

  @Test
  void versionAliases_areSetByUpdateSecret_andAccessByAliasReadsThatVersion() {
    String id = newId();
    create(id, Secret.newBuilder());
    add(id, "one");
    add(id, "two");

    Secret updated = setAliases(id, Map.of("current", 1L, "Pending_2", 2L), "");

    assertThat(updated.getVersionAliasesMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("current", 1L, "Pending_2", 2L));
    assertThat(client.getSecret(SecretName.of(project.projectId(), id)).getVersionAliasesMap())
        .containsEntry("current", 1L);
    assertThat(access(id, "current")).isEqualTo("one");
    assertThat(access(id, "latest")).isEqualTo("two");
    assertThat(
            client
                .accessSecretVersion(SecretVersionName.of(project.projectId(), id, "current"))
                .getName())
        .as("named by its number, as Google answers")
        .endsWith("/secrets/" + id + "/versions/1");
    assertThat(client.getSecretVersion(SecretVersionName.of(project.projectId(), id, "Pending_2")))
        .satisfies(v -> assertThat(v.getName()).endsWith("/versions/2"));
    assertThatThrownBy(() -> access(id, "nosuchalias")).isInstanceOf(NotFoundException.class);

    setAliases(id, Map.of(), "");
    assertThatThrownBy(() -> access(id, "current")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void versionAliases_refuseBadNames_missingOrDestroyedVersions_andAStaleEtag() {
    String id = newId();
    create(id, Secret.newBuilder());
    add(id, "one");
    add(id, "two");
    for (String bad : List.of("latest", "NEW", "1abc", "has.dot", "a".repeat(64))) {
      assertThatThrownBy(() -> setAliases(id, Map.of(bad, 1L), ""))
          .as(bad)
          .isInstanceOf(InvalidArgumentException.class)
          .satisfies(e -> assertThat(chain(e)).contains("Invalid version alias"));
    }
    assertThatThrownBy(() -> setAliases(id, Map.of("current", 3L), ""))
        .isInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(chain(e)).contains("does not exist"));

    SecretVersionName two = SecretVersionName.of(project.projectId(), id, "2");
    client.disableSecretVersion(two);
    setAliases(id, Map.of("off", 2L), "");
    assertThatThrownBy(() -> access(id, "off"))
        .satisfies(e -> assertThat(chain(e)).contains("FAILED_PRECONDITION", "DISABLED state"));
    client.destroySecretVersion(SecretVersionName.of(project.projectId(), id, "1"));
    assertThatThrownBy(() -> setAliases(id, Map.of("current", 1L), ""))
        .satisfies(e -> assertThat(httpStatus(e)).isEqualTo(400))
        .satisfies(e -> assertThat(chain(e)).contains("FAILED_PRECONDITION", "DESTROYED"));

    String etag = client.getSecret(SecretName.of(project.projectId(), id)).getEtag();
    setAliases(id, Map.of("a", 2L), etag);
    assertThatThrownBy(() -> setAliases(id, Map.of("b", 2L), etag))
        .isInstanceOf(AbortedException.class);
    assertThat(client.getSecret(SecretName.of(project.projectId(), id)).getVersionAliasesMap())
        .containsExactly(Map.entry("a", 2L));
  }

  @Test
  void updateSecret_changesOnlyTheMaskedFields() {
    String id = newId();
    create(id, Secret.newBuilder().putLabels("a", "1"));
    Instant expiry = Instant.now().plusSeconds(3_600);

    Secret updated =
        client.updateSecret(
            Secret.newBuilder()
                .setName(SecretName.of(project.projectId(), id).toString())
                .putLabels("b", "2")
                .setExpireTime(Timestamp.newBuilder().setSeconds(expiry.getEpochSecond()))
                .build(),
            FieldMask.newBuilder().addPaths("labels").build());

    assertThat(updated.getLabelsMap()).containsExactly(Map.entry("b", "2"));
    assertThat(updated.hasExpireTime()).isFalse();
  }

  @Test
  void withoutAToken_isUnauthenticated_andAnUnknownProjectIsDenied() throws Exception {
    try (SecretManagerServiceClient anonymous =
        SecretManagerServiceClient.create(
            SecretManagerServiceSettings.newHttpJsonBuilder()
                .setEndpoint(sandbox.gcpEndpoint().toString())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build())) {
      assertThatThrownBy(() -> anonymous.listSecrets(ProjectName.of(project.projectId())))
          .isInstanceOf(UnauthenticatedException.class);
    }
    assertThatThrownBy(
            () -> client.listSecrets(ProjectName.of("not-a-project")).iterateAll().iterator())
        .isInstanceOf(PermissionDeniedException.class)
        .satisfies(e -> assertThat(chain(e)).contains("secretmanager.secrets.list"));
  }

  @Test
  void injectedDenial_isPermissionDenied_forThatOperationOnly() {
    String id = newId();
    create(id, Secret.newBuilder());
    add(id, "value");
    sandbox.faults().replace(FaultPlan.parse("secretmanager.versions.access:deny"));

    assertThatThrownBy(() -> access(id, "latest")).isInstanceOf(PermissionDeniedException.class);
    assertThat(client.getSecret(SecretName.of(project.projectId(), id)).getName()).endsWith(id);
    assertThat(sandbox.counters().injectedFaults("secretmanager.versions.access")).isPositive();
  }

  @Test
  void errors_haveGooglesJsonShape() throws Exception {
    AccessToken token = credentials.refreshAccessToken();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        sandbox
                            .gcpEndpoint()
                            .resolve(
                                "/v1/projects/"
                                    + project.projectId()
                                    + "/secrets/missing:addVersion"))
                    .header("Authorization", "Bearer " + token.getTokenValue())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":{\"data\":\"YQ==\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asInt()).isEqualTo(404);
    assertThat(error.get("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.get("message").asText())
        .isEqualTo("Secret [projects/" + project.projectNumber() + "/secrets/missing] not found.");
  }
}
