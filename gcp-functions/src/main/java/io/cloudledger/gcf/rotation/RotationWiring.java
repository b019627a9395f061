package io.cloudledger.gcf.rotation;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.gcf.GcfSettings;
import io.cloudledger.gcp.secrets.GcpSecretManagerClients;
import io.cloudledger.gcp.secrets.GcpServiceAccountKeyTarget;
import io.cloudledger.gcp.secrets.SecretManagerVersions;
import io.cloudledger.gcp.session.GcpClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rotation wiring of a deployed function, built from its environment: the configuration of
 * {@value GcfSettings#CONFIG} (as every function reads it), one of its GCP sessions — the one
 * {@value #SESSION} names, else the first — whose credential and {@code endpoint_url} reach Secret
 * Manager ({@link SecretManagerVersions}, the session's first project for secrets named by a bare
 * id) and IAM (the {@value GcpServiceAccountKeyTarget#KIND} target). Building makes no call.
 */
final class RotationWiring {
  /** The name of the GCP session that rotates; default: the configuration's first GCP session. */
  static final String SESSION = "CLOUDLEDGER_ROTATION_SESSION";

  /** How long an old service-account key keeps working after finish; default one hour. */
  static final String GRACE_SECONDS = "CLOUDLEDGER_ROTATION_GRACE_SECONDS";

  private RotationWiring() {}

  static SecretRotations fromEnvironment(Map<String, String> env) {
    CloudledgerConfig config = GcfSettings.from(env).loadConfig();
    // SEC/ references need a cloud secret store, which the functions do not wire yet.
    ConfigResolver resolver = new ConfigResolver(env, SecretLookup.none());
    GcpSession session = session(config, Optional.ofNullable(env.get(SESSION)));
    Optional<URI> endpoint = resolver.resolveOptionalText(session.endpointUrl()).map(URI::create);
    String project = resolver.resolveTexts(session.projectIds()).stream().findFirst().orElse("");
    var secrets =
        new SecretManagerVersions(
            GcpSecretManagerClients.create(GcpClients.credentials(session, resolver), endpoint),
            project);
    URI iam = endpoint.orElse(GcpServiceAccountKeyTarget.GOOGLE_IAM);
    Duration grace = grace(env);
    HttpClient http = HttpClient.newHttpClient();
    Function<Map<String, String>, RotationTarget> saKey =
        labels -> new GcpServiceAccountKeyTarget(iam, http, Clock.systemUTC(), grace);
    return new LabelledRotations(secrets, Map.of(GcpServiceAccountKeyTarget.KIND, saKey));
  }

  private static GcpSession session(CloudledgerConfig config, Optional<String> name) {
    List<GcpSession> sessions =
        config.sessions(SessionType.GCP).stream().map(GcpSession.class::cast).toList();
    return sessions.stream()
        .filter(s -> name.map(s.name()::equals).orElse(true))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    name.map(n -> SESSION + " names GCP session '" + n + "', which is not")
                            .orElse("there is no GCP session")
                        + " in the configuration; the rotation function needs one whose credential"
                        + " may read and update the secrets (GCP sessions: "
                        + sessions.stream().map(GcpSession::name).toList()
                        + ")"));
  }

  private static Duration grace(Map<String, String> env) {
    String text = env.getOrDefault(GRACE_SECONDS, "").strip();
    if (text.isEmpty()) {
      return GcpServiceAccountKeyTarget.DEFAULT_GRACE_PERIOD;
    }
    try {
      return Duration.ofSeconds(Long.parseUnsignedLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          GRACE_SECONDS + " must be a whole number of seconds, got '" + text + "'");
    }
  }
}
