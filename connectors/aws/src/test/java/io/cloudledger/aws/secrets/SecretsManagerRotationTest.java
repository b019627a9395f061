package io.cloudledger.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationConflictException;
import io.cloudledger.core.rotation.RotationStep;
import io.cloudledger.core.secrets.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Rotation through the real Secrets Manager, IAM and STS clients against the sandbox: crashes after
 * each step, a competing token, and the old credential's lifetime.
 */
class SecretsManagerRotationTest {
  static final String PASSWORD_SECRET = "app/db-password";
  static final String KEY_SECRET = "app/iam-key";
  static final String TOKEN = "aaaaaaaa-0000-4000-8000-000000000001";
  static final String OTHER_TOKEN = "bbbbbbbb-0000-4000-8000-000000000002";

  SandboxAws aws;
  SecretsManagerClient sm;
  AccessKeySecret appKey;
  TestClock clock = new TestClock();
  List<String> reported = new ArrayList<>();

  @BeforeEach
  void start() {
    aws = new SandboxAws();
    sm = aws.secretsManager();
    appKey = aws.newUserWithKey("app-rotated");
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private String createPasswordSecret() {
    return sm.createSecret(
            r ->
                r.name(PASSWORD_SECRET)
                    .secretString("initial-password-0001")
                    .tags(tag(SecretsManagerRotations.TARGET_TAG, "random-password")))
        .versionId();
  }

  private String createKeySecret(String grace) {
    return sm.createSecret(
            r ->
                r.name(KEY_SECRET)
                    .secretString(appKey.toSecretValue().reveal())
                    .tags(
                        tag(SecretsManagerRotations.TARGET_TAG, "aws-iam-key"),
                        tag(SecretsManagerRotations.SESSION_TAG, SandboxAws.SESSION),
                        tag(SecretsManagerRotations.GRACE_TAG, grace)))
        .versionId();
  }

  private Rotation rotation(String secret) {
    return aws.rotations(clock).forSecret(secret);
  }

  private void runUpTo(String secret, RotationStep last) {
    Rotation rotation = rotation(secret);
    for (RotationStep step : RotationStep.values()) {
      reported.add(rotation.step(step, secret, TOKEN).detail());
      if (step == last) {
        return;
      }
    }
  }

  private Map<String, List<String>> stages(String secret) {
    return sm.describeSecret(r -> r.secretId(secret)).versionIdsToStages();
  }

  private String valueAt(String secret, String stage) {
    return sm.getSecretValue(r -> r.secretId(secret).versionStage(stage)).secretString();
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void randomPassword_crashAfterStep_rerunFromStart_leavesOneCurrentAndThePrevious(
      RotationStep crashAfter) {
    String oldVersion = createPasswordSecret();
    runUpTo(PASSWORD_SECRET, crashAfter);
    Optional<String> pendingBeforeCrash = pending(PASSWORD_SECRET);

    runUpTo(PASSWORD_SECRET, RotationStep.FINISH); // a new Rotation from scratch, same token

    assertThat(stages(PASSWORD_SECRET))
        .isEqualTo(Map.of(TOKEN, List.of("AWSCURRENT"), oldVersion, List.of("AWSPREVIOUS")));
    assertThat(valueAt(PASSWORD_SECRET, "AWSPREVIOUS")).isEqualTo("initial-password-0001");
    String current = valueAt(PASSWORD_SECRET, "AWSCURRENT");
    assertThat(current).hasSize(32).isNotEqualTo("initial-password-0001");
    pendingBeforeCrash.ifPresent(p -> assertThat(current).isEqualTo(p));
    assertThat(String.join("\n", reported)).doesNotContain(current, "initial-password-0001");
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void iamKey_crashAfterStep_rerun_newKeyCurrentAndWorking_oldKeyDeletedAfterFinish(
      RotationStep crashAfter) {
    String oldVersion = createKeySecret("PT0S");
    String oldKeyId = appKey.accessKeyId();
    runUpTo(KEY_SECRET, crashAfter);
    if (crashAfter != RotationStep.FINISH) {
      assertThat(callerArn(oldKey())).as("old key works until finish").isNotEmpty();
    }

    runUpTo(KEY_SECRET, RotationStep.FINISH);

    assertThat(stages(KEY_SECRET))
        .isEqualTo(Map.of(TOKEN, List.of("AWSCURRENT"), oldVersion, List.of("AWSPREVIOUS")));
    AccessKeySecret newKey =
        AccessKeySecret.parse(SecretValue.of(valueAt(KEY_SECRET, "AWSCURRENT")));
    assertThat(newKey.accessKeyId()).isNotEqualTo(oldKeyId);
    assertThat(callerArn(newKey.credentials())).endsWith(":user/app-rotated");
    assertThatThrownBy(() -> callerArn(oldKey()))
        .hasMessageContaining("security token included in the request is invalid");
    assertThat(accessKeyIds(newKey.credentials())).containsExactly(newKey.accessKeyId());
    assertThat(String.join("\n", reported))
        .doesNotContain(newKey.secretAccessKey().reveal())
        .doesNotContain(appKey.secretAccessKey().reveal());
  }

  @Test
  void iamKey_oldKeyKeepsWorkingDuringGracePeriod_deletedByNextRotationAfterIt() {
    createKeySecret("PT1H");
    runUpTo(KEY_SECRET, RotationStep.FINISH);
    AccessKeySecret first =
        AccessKeySecret.parse(SecretValue.of(valueAt(KEY_SECRET, "AWSCURRENT")));

    assertThat(callerArn(oldKey())).as("old key within grace").isNotEmpty();
    assertThat(reported.getLast()).contains("kept until");

    clock.advance(Duration.ofHours(2));
    rotation(KEY_SECRET).create(KEY_SECRET, OTHER_TOKEN);

    AccessKeySecret pending =
        AccessKeySecret.parse(SecretValue.of(valueAt(KEY_SECRET, "AWSPENDING")));
    assertThat(accessKeyIds(first.credentials()))
        .containsExactlyInAnyOrder(first.accessKeyId(), pending.accessKeyId());
    assertThatThrownBy(() -> callerArn(oldKey()))
        .hasMessageContaining("security token included in the request is invalid");
    assertThat(callerArn(first.credentials())).as("current key until finish").isNotEmpty();
  }

  @Test
  void iamKey_createThatCrashedAfterCreatingTheKey_leavesAnOrphanThatTheRerunRemoves() {
    String oldVersion = createKeySecret("PT0S");
    try (IamClient iam = aws.clients.iamSignedBy(oldKey())) {
      iam.createAccessKey(r -> {}); // created, but the crash came before PutSecretValue
    }

    runUpTo(KEY_SECRET, RotationStep.FINISH);

    AccessKeySecret newKey =
        AccessKeySecret.parse(SecretValue.of(valueAt(KEY_SECRET, "AWSCURRENT")));
    assertThat(accessKeyIds(newKey.credentials())).containsExactly(newKey.accessKeyId());
    assertThat(stages(KEY_SECRET)).containsEntry(oldVersion, List.of("AWSPREVIOUS"));
  }

  @Test
  void secondRotationWithAnotherToken_whilePending_isRefusedAndLeavesStateAlone() {
    createPasswordSecret();
    runUpTo(PASSWORD_SECRET, RotationStep.SET);
    Map<String, List<String>> before = stages(PASSWORD_SECRET);

    assertThatThrownBy(() -> rotation(PASSWORD_SECRET).create(PASSWORD_SECRET, OTHER_TOKEN))
        .isInstanceOf(RotationConflictException.class)
        .hasMessageContaining(TOKEN);
    assertThatThrownBy(() -> rotation(PASSWORD_SECRET).finish(PASSWORD_SECRET, OTHER_TOKEN))
        .isInstanceOf(RotationConflictException.class);
    assertThat(stages(PASSWORD_SECRET)).isEqualTo(before);
    assertThat(valueAt(PASSWORD_SECRET, "AWSCURRENT")).isEqualTo("initial-password-0001");
  }

  @Test
  void secretWithoutTargetTag_isRefusedNamingTheTag() {
    sm.createSecret(r -> r.name("untagged").secretString("x"));

    assertThatThrownBy(() -> rotation("untagged"))
        .hasMessageContaining(SecretsManagerRotations.TARGET_TAG);
    assertThatThrownBy(() -> rotation("missing"))
        .hasMessageContaining("does not exist")
        .hasCauseInstanceOf(ResourceNotFoundException.class);
  }

  private Optional<String> pending(String secret) {
    try {
      return Optional.of(valueAt(secret, "AWSPENDING"));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The key the secret held before rotation. */
  private AwsCredentialsProvider oldKey() {
    return appKey.credentials();
  }

  private String callerArn(AwsCredentialsProvider credentials) {
    try (StsClient sts = aws.clients.stsSignedBy(credentials)) {
      return sts.getCallerIdentity(r -> {}).arn();
    }
  }

  private List<String> accessKeyIds(AwsCredentialsProvider credentials) {
    try (IamClient iam = aws.clients.iamSignedBy(credentials)) {
      return iam.listAccessKeys().accessKeyMetadata().stream()
          .map(AccessKeyMetadata::accessKeyId)
          .toList();
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  /** The system clock, moved forward by hand (the sandbox stamps versions in real time). */
  static final class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration duration) {
      offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
