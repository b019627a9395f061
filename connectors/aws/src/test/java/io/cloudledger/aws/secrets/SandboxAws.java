package io.cloudledger.aws.secrets;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A sandbox with one account and the session a user would configure for it (static keys). */
final class SandboxAws implements AutoCloseable {
  static final String SESSION = "aws_main";

  final Sandbox sandbox;
  final AwsClients clients;

  SandboxAws() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    String yaml =
        "cloud_sessions:\n"
            + "  - name: "
            + SESSION
            + "\n    session_type: aws\n    region: us-east-1\n"
            + "    access_key_id: ENV/KEY_ID\n"
            + "    secret_access_key: ENV/SECRET\n"
            + "    endpoint_url: "
            + sandbox.endpoints().aws()
            + "\n";
    AwsSession session =
        (AwsSession)
            ConfigLoader.parse(yaml, Path.of("test.yaml")).sessions(SessionType.AWS).getFirst();
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of(
                "KEY_ID",
                sandbox.managementKeys().accessKeyId(),
                "SECRET",
                sandbox.managementKeys().secretAccessKey()),
            SecretLookup.none());
    clients =
        AwsClients.create(
            session,
            resolver,
            AwsClientSettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));
  }

  /** A new IAM user with one access key, signing as itself from then on. */
  AccessKeySecret newUserWithKey(String userName) {
    AwsCredentialsProvider management =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                sandbox.managementKeys().accessKeyId(),
                sandbox.managementKeys().secretAccessKey()));
    try (IamClient iam = clients.iamSignedBy(management)) {
      iam.createUser(r -> r.userName(userName));
      AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
      return new AccessKeySecret(key.accessKeyId(), SecretValue.of(key.secretAccessKey()));
    }
  }

  SecretsManagerClient secretsManager() {
    return clients.secretsManager("us-east-1");
  }

  SecretsManagerRotations rotations(Clock clock) {
    return new SecretsManagerRotations(
        secretsManager(),
        (Optional<String> session, Duration grace) ->
            new IamAccessKeyTarget(clients::iamSignedBy, clients::stsSignedBy, clock, grace));
  }

  @Override
  public void close() {
    clients.close();
    sandbox.close();
  }
}
