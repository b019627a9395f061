package io.cloudledger.core.config;

import static io.cloudledger.core.config.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Literal secrets in a file must never come back out in a message, warning or toString. */
class SecretRedactionTest {
  private static final List<String> SECRETS =
      List.of(
          "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY",
          "FwoGZXIvYXdzE-TOKEN-hunter2-literal",
          "ext-id-s3cr3t-value",
          "az-Cl1ent~S3cret.value",
          "gcp-pk-s3cr3t",
          "hvs.vault-token-s3cr3t");

  @Test
  void load_literalSecrets_areAcceptedWithOneWarningEachNamingTheKey() {
    CloudledgerConfig config = ConfigLoader.load(fixture("literal-secrets.yaml"));

    assertThat(config.warnings())
        .extracting(ConfigProblem::path, ConfigProblem::line)
        .containsExactly(
            tuple("cloud_sessions[0].secret_access_key", 6),
            tuple("cloud_sessions[0].session_token", 7),
            tuple("cloud_sessions[0].external_id", 9),
            tuple("cloud_sessions[1].client_secret", 14),
            tuple("cloud_sessions[2].credentials", 17),
            tuple("secrets_manager.cloud_stores.vault.token", 23));
    assertThat(config.warnings())
        .allSatisfy(
            w -> assertThat(w.message()).startsWith("holds a literal secret").contains("SEC/"));
  }

  @Test
  void literalSecrets_neverAppearInWarningsToStringOrSummary() {
    Path file = fixture("literal-secrets.yaml");
    ValidationResult result = ConfigLoader.validate(file);
    CloudledgerConfig config = ((ValidationResult.Valid) result).config();

    List<String> outputs = new ArrayList<>(result.formattedProblems());
    outputs.add(config.toString());
    outputs.addAll(config.summary().lines());
    outputs.add(config.summary().toString());
    config.sessions().forEach(s -> outputs.add(s.toString()));

    assertThat(outputs).isNotEmpty();
    for (String output : outputs) {
      assertThat(output).doesNotContain(SECRETS);
    }
  }

  @Test
  void errorsNextToLiteralSecrets_neverQuoteThem() {
    Path file = fixture("literal-secrets-broken.yaml");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    ValidationResult result = ConfigLoader.validate(file);

    assertThat(e.problems())
        .extracting(ConfigProblem::path)
        .containsExactly(
            "cloud_sessions[0].client_id",
            "cloud_sessions[0].tenant_id",
            "cloud_sessions[0].use_managed_identity",
            "cloud_sessions[1].access_key_id",
            "cloud_sessions[1].session_token",
            "cloud_sessions[1].extrnal_id");
    assertThat(e.getMessage()).doesNotContain(SECRETS);
    assertThat(String.join("\n", result.formattedProblems())).doesNotContain(SECRETS);
  }

  @Test
  void urlWithAPassword_isAnErrorThatDoesNotQuoteIt() {
    String yaml =
        """
        secrets_manager:
          cloud_stores:
            v: {store_type: vault, address: 'https://admin:pa55-w0rd@vault.local:8200'}
        inventory: {endpoint: 'http://me:pa55-w0rd@127.0.0.1:8000'}
        """;

    List<ConfigProblem> errors = Fixtures.errors(yaml);

    assertThat(errors)
        .extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactly(
            tuple(
                "secrets_manager.cloud_stores.v.address",
                "must not hold credentials (user:password@); give them as separate keys"),
            tuple(
                "inventory.endpoint",
                "must not hold credentials (user:password@); give them as separate keys"));
  }

  @Test
  void invalidYamlOnALineWithASecret_doesNotQuoteTheLine() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(fixture("invalid-syntax.yaml")));

    assertThat(e.getMessage()).doesNotContain(SECRETS);
  }
}
