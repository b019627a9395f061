package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.SecretValue;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {
  private static final Path FILE = Path.of("conf", "cloudledger.yaml");
  private static final String YAML =
      """
      cloud_sessions:
        - name: aws_prod
          session_type: aws
          region: eu-west-1
          access_key_id: ENV/AWS_ACCESS_KEY_ID
          secret_access_key: SEC/aws_secret_key
          endpoint_url: ENV/SANDBOX_URL
        - name: azure_corp
          session_type: azure
          tenant_id: ENV/AZURE_TENANT_ID
          client_id: ENV/AZURE_CLIENT_ID
          client_secret: SEC/azure_client_secret
      """;
  private static final CloudledgerConfig CONFIG = ConfigLoader.parse(YAML, FILE);
  private static final AwsSession AWS = (AwsSession) CONFIG.sessions().get(0);
  private static final AzureSession AZURE = (AzureSession) CONFIG.sessions().get(1);

  private final Map<String, SecretValue> secrets =
      Map.of("aws_secret_key", SecretValue.of("from-the-store"));
  private final SecretLookup lookup = name -> Optional.ofNullable(secrets.get(name));

  @Test
  void resolveText_literal_returnsItAsWritten() {
    ConfigResolver resolver = new ConfigResolver(Map.of(), SecretLookup.none());

    assertThat(resolver.resolveText(AWS.region())).isEqualTo("eu-west-1");
  }

  @Test
  void resolveSecret_environmentReference_readsTheInjectedEnvironment() {
    ConfigResolver resolver =
        new ConfigResolver(Map.of("AWS_ACCESS_KEY_ID", "AKIAFROMENV"), SecretLookup.none());
    AwsCredentials.StaticKeys keys = (AwsCredentials.StaticKeys) AWS.credentials();

    assertThat(resolver.resolveSecret(keys.accessKeyId())).isEqualTo(SecretValue.of("AKIAFROMENV"));
  }

  @Test
  void resolveSecret_whenEnvironmentVariableIsMissing_namesFileKeyAndReference() {
    ConfigResolver resolver = new ConfigResolver(Map.of(), lookup);

    assertThatThrownBy(() -> resolver.resolveText(AZURE.tenantId()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.file()).isEqualTo(FILE);
              assertThat(e.problems())
                  .singleElement()
                  .isEqualTo(
                      new ConfigProblem(
                          "cloud_sessions[1].tenant_id",
                          10,
                          "refers to ENV/AZURE_TENANT_ID, but that environment variable is not"
                              + " set"));
              assertThat(e.getMessage())
                  .isEqualTo(
                      FILE
                          + ":10: cloud_sessions[1].tenant_id: refers to ENV/AZURE_TENANT_ID, but"
                          + " that environment variable is not set");
            });
  }

  @Test
  void resolveText_whenEnvironmentVariableIsEmpty_saysItIsEmpty() {
    ConfigResolver resolver = new ConfigResolver(Map.of("AZURE_TENANT_ID", ""), lookup);

    assertThatThrownBy(() -> resolver.resolveText(AZURE.tenantId()))
        .hasMessageEndingWith(
            "refers to ENV/AZURE_TENANT_ID, but that environment variable is empty");
  }

  @Test
  void resolveSecret_secretReference_asksTheLookup() {
    ConfigResolver resolver = new ConfigResolver(Map.of(), lookup);
    AwsCredentials.StaticKeys keys = (AwsCredentials.StaticKeys) AWS.credentials();

    SecretValue value = resolver.resolveSecret(keys.secretAccessKey());

    assertThat(value.reveal()).isEqualTo("from-the-store");
  }

  @Test
  void resolveSecret_whenSecretIsMissing_namesFileKeyAndReference() {
    ConfigResolver resolver = new ConfigResolver(Map.of(), lookup);
    AzureAuth.ClientSecret auth = (AzureAuth.ClientSecret) AZURE.auth();

    assertThatThrownBy(() -> resolver.resolveSecret(auth.clientSecret()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            FILE
                + ":12: cloud_sessions[1].client_secret: refers to SEC/azure_client_secret, but no"
                + " secret store holds a secret of that name");
  }

  @Test
  void resolveSecret_whenKeyIsUnset_saysItIsRequired() {
    ConfigResolver resolver = new ConfigResolver(Map.of(), lookup);

    assertThatThrownBy(() -> resolver.resolveSecret(AWS.externalId()))
        .hasMessage(FILE + ":2: cloud_sessions[0].external_id: is required here but not set");
  }

  @Test
  void resolveOptional_whenKeyIsUnset_isEmptyWithoutAskingAnything() {
    SecretLookup failing =
        name -> {
          throw new AssertionError("must not be asked");
        };
    ConfigResolver resolver = new ConfigResolver(Map.of(), failing);

    assertThat(resolver.resolveOptionalSecret(AWS.externalId())).isEmpty();
    assertThat(resolver.resolveOptionalText(AZURE.authorityHost())).isEmpty();
  }

  @Test
  void resolveUrl_referenceToAUrl_returnsTheUri() {
    ConfigResolver resolver =
        new ConfigResolver(Map.of("SANDBOX_URL", "http://127.0.0.1:4566"), lookup);

    assertThat(resolver.resolveUrl(AWS.endpoints().forService("ec2").orElseThrow()))
        .isEqualTo(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void resolveUrl_whenReferenceResolvesToSomethingElse_failsWithoutShowingIt() {
    ConfigResolver resolver = new ConfigResolver(Map.of("SANDBOX_URL", "hunter2"), lookup);

    assertThatThrownBy(() -> resolver.resolveUrl(AWS.endpoints().baseUrl()))
        .hasMessage(
            FILE
                + ":7: cloud_sessions[0].endpoint_url: resolves to a value that is not an http(s) URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void resolver_takesACopyOfTheEnvironment() {
    Map<String, String> environment = new java.util.HashMap<>(Map.of("AZURE_TENANT_ID", "t1"));
    ConfigResolver resolver = new ConfigResolver(environment, lookup);
    environment.put("AZURE_TENANT_ID", "changed");

    assertThat(resolver.resolveText(AZURE.tenantId())).isEqualTo("t1");
  }
}
