package io.cloudledger.azurefn.rotation;

import static io.cloudledger.azurefn.rotation.SecretNearExpiryFunctionTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.cloudledger.azure.secrets.GraphApplications;
import io.cloudledger.azure.secrets.KeyVaultRotations;
import io.cloudledger.azure.secrets.ServicePrincipalSecret;
import io.cloudledger.azure.secrets.ServicePrincipalSecretTarget;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.HttpsToHttpPolicy;
import io.cloudledger.azurefn.FunctionSettings;
import io.cloudledger.azurefn.TestExecutionContext;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.azure.AzureDirectory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Key Vault's near-expiry events (the real Event Grid JSON) through the function as deployed: the
 * wiring from the app settings alone ({@link RotationInstance#fromEnvironment}), the sandbox's Key
 * Vault (served by Host at its base URL, plain http) and Entra ID/Graph, signed in with the
 * configuration's Azure session and its {@code ENV/} client secret.
 */
class KeyVaultNearExpiryTest {
  private static final String PASSWORD = "db-password";
  private static final String SP_SECRET = "app-client-secret";
  private static final String OLD_PASSWORD = "old-Password-1234567890-abcdefghij";

  private static Sandbox sandbox;
  private static SecretClient vault;
  private static GraphApplications graph;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  @BeforeAll
  static void startSandbox() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1));
    // The test's own view of the vault and of Graph, as an operator's tools would have.
    AzureSession session =
        (AzureSession)
            FunctionSettings.from(env("")).loadConfig().sessions(SessionType.AZURE).getFirst();
    AzureClients clients =
        AzureClients.create(
            session, FunctionSettings.resolver(env("")), AzureClientSettings.defaults());
    vault =
        new SecretClientBuilder()
            .vaultUrl(base().replace("http://", "https://"))
            .credential(clients.credential())
            .httpClient(clients.httpClient())
            .addPolicy(new HttpsToHttpPolicy(sandbox.endpoints().base()))
            .disableChallengeResourceVerification()
            .buildClient();
    graph = GraphApplications.create(clients, sandbox.endpoints().base());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logs);
  }

  private static String base() {
    return sandbox.endpoints().base().toString();
  }

  /** The app settings of a deployed function app, with the sandbox as Key Vault and Entra ID. */
  private static Map<String, String> env(String rotationTargets) {
    String config =
        "cloud_sessions:\n"
            + "  - name: azure_main\n"
            + "    session_type: azure\n"
            + "    tenant_id: "
            + sandbox.azurePrincipal().tenantId()
            + "\n    client_id: "
            + sandbox.azurePrincipal().clientId()
            + "\n    client_secret: ENV/AZURE_CLIENT_SECRET\n"
            + "    endpoint_url: "
            + base()
            + "\n    authority_host: "
            + base().replace("http://", "https://")
            + "\n";
    Map<String, String> env = new HashMap<>();
    env.put(FunctionSettings.CONFIG, config);
    env.put(FunctionSettings.STORAGE, "UseDevelopmentStorage=true");
    env.put("AZURE_CLIENT_SECRET", sandbox.azurePrincipal().clientSecret());
    env.put(KeyVaults.VAULT_URL, base());
    env.put(RotationTargets.SETTING, rotationTargets);
    return env;
  }

  private static SecretNearExpiryFunction deployed(String rotationTargets) {
    return new SecretNearExpiryFunction(RotationInstance.fromEnvironment(env(rotationTargets)));
  }

  /** The recorded Event Grid event, about {@code secret}'s current version. */
  private static String nearExpiry(String secret) {
    String version = vault.getSecret(secret).getProperties().getVersion();
    return fixture("keyvault_secret_near_expiry.json")
        .replace("db-password", secret)
        .replace("ee059b2bb5bc48398a53b168c6cdcb10", version);
  }

  private static String put(String secret, String value, Map<String, String> tags) {
    KeyVaultSecret created = new KeyVaultSecret(secret, value);
    created.setProperties(new SecretProperties().setTags(tags));
    return vault.setSecret(created).getProperties().getVersion();
  }

  private static SecretVersions versionsOf(String secret) {
    return new KeyVaults(
            FunctionSettings.from(env("")).loadConfig(),
            FunctionSettings.resolver(env("")),
            base(),
            Optional.empty(),
            AzureClientSettings.defaults(),
            Clock.systemUTC())
        .versions("cloudledger-kv")
        .versions(secret);
  }

  private static Map<String, Set<String>> stages(SecretVersions versions) {
    return versions.versions().stream()
        .collect(Collectors.toMap(SecretVersion::versionId, SecretVersion::stages));
  }

  @Test
  void nearExpiry_ofAConfiguredRandomPassword_rotatesItOnce_redeliveryChangesNothing() {
    String oldVersion = put(PASSWORD, OLD_PASSWORD, Map.of());
    String event = nearExpiry(PASSWORD);
    SecretNearExpiryFunction function = deployed(PASSWORD + "=random-password");

    function.run(event, context());

    String token = SecretNearExpiryEvent.parse(event).rotationToken();
    assertThat(stages(versionsOf(PASSWORD)))
        .isEqualTo(
            Map.of(
                token,
                Set.of(SecretVersions.CURRENT),
                oldVersion,
                Set.of(SecretVersions.PREVIOUS)));
    String next = vault.getSecret(PASSWORD).getValue();
    assertThat(next).isNotEqualTo(OLD_PASSWORD).matches("[A-Za-z0-9]{32}");

    // Event Grid redelivers (at least once), also to a fresh instance.
    function.run(event, context());
    deployed(PASSWORD + "=random-password").run(event, context());

    assertThat(stages(versionsOf(PASSWORD)))
        .isEqualTo(
            Map.of(
                token,
                Set.of(SecretVersions.CURRENT),
                oldVersion,
                Set.of(SecretVersions.PREVIOUS)));
    assertThat(vault.getSecret(PASSWORD).getValue()).isEqualTo(next);
    assertThat(logText())
        .contains(PASSWORD, token, "step=FINISH")
        .doesNotContain(OLD_PASSWORD)
        .doesNotContain(next);
  }

  @Test
  void nearExpiry_ofASecretTaggedAzureSpSecret_rotatesTheAppsClientSecret_asTheCliWould() {
    AzureDirectory.NewApplication app = sandbox.azureDirectory().register("app-rotated");
    ServicePrincipalSecret initial =
        new ServicePrincipalSecret(
            sandbox.azurePrincipal().tenantId(),
            app.application().appId(),
            SecretValue.of(app.password().secretText()),
            app.password().credential().keyId());
    String oldVersion =
        put(
            SP_SECRET,
            initial.toSecretValue().reveal(),
            Map.of(
                KeyVaultRotations.TARGET_TAG,
                ServicePrincipalSecretTarget.KIND,
                KeyVaultRotations.GRACE_TAG,
                "PT0S"));
    String event = nearExpiry(SP_SECRET);
    // No CLOUDLEDGER_ROTATION_TARGETS entry: the secret's tag chooses the target.
    SecretNearExpiryFunction function = deployed("");

    function.run(event, context());

    String token = SecretNearExpiryEvent.parse(event).rotationToken();
    Map<String, Set<String>> rotated = stages(versionsOf(SP_SECRET));
    assertThat(rotated)
        .isEqualTo(
            Map.of(
                token,
                Set.of(SecretVersions.CURRENT),
                oldVersion,
                Set.of(SecretVersions.PREVIOUS)));
    KeyVaultSecret current = vault.getSecret(SP_SECRET);
    ServicePrincipalSecret next = ServicePrincipalSecret.parse(SecretValue.of(current.getValue()));
    assertThat(next.clientId()).isEqualTo(initial.clientId());
    assertThat(next.keyId()).isNotEqualTo(initial.keyId());
    assertThat(current.getProperties().getTags())
        .containsEntry(KeyVaultRotations.TARGET_TAG, ServicePrincipalSecretTarget.KIND);
    // Grace PT0S: the old client secret is gone from the app, only the new one is left.
    assertThat(passwords(app)).containsExactly(next.keyId());

    function.run(event, context());
    deployed("").run(event, context());

    assertThat(stages(versionsOf(SP_SECRET))).isEqualTo(rotated);
    assertThat(vault.getSecret(SP_SECRET).getValue()).isEqualTo(current.getValue());
    assertThat(passwords(app)).containsExactly(next.keyId());
    assertThat(logText())
        .contains(SP_SECRET, token)
        .doesNotContain(initial.clientSecret().reveal())
        .doesNotContain(next.clientSecret().reveal());
  }

  @Test
  void nearExpiry_ofAnSpSecretConfiguredInTheAppSetting_usesTheExtraKind() {
    AzureDirectory.NewApplication app = sandbox.azureDirectory().register("app-configured");
    ServicePrincipalSecret initial =
        new ServicePrincipalSecret(
            sandbox.azurePrincipal().tenantId(),
            app.application().appId(),
            SecretValue.of(app.password().secretText()),
            app.password().credential().keyId());
    String secret = "configured-sp-secret";
    String oldVersion = put(secret, initial.toSecretValue().reveal(), Map.of());
    String event = nearExpiry(secret);

    deployed("cloudledger-kv/" + secret + "=" + ServicePrincipalSecretTarget.KIND)
        .run(event, context());

    String token = SecretNearExpiryEvent.parse(event).rotationToken();
    assertThat(stages(versionsOf(secret)))
        .isEqualTo(
            Map.of(
                token,
                Set.of(SecretVersions.CURRENT),
                oldVersion,
                Set.of(SecretVersions.PREVIOUS)));
    ServicePrincipalSecret next =
        ServicePrincipalSecret.parse(SecretValue.of(vault.getSecret(secret).getValue()));
    // The default grace period (one hour): both client secrets work until it is over.
    assertThat(passwords(app)).containsExactlyInAnyOrder(initial.keyId(), next.keyId());
    assertThat(logText())
        .doesNotContain(initial.clientSecret().reveal())
        .doesNotContain(next.clientSecret().reveal());
  }

  @Test
  void aTagAndTheAppSettingNamingDifferentKinds_failPermanently_andRotateNothing() {
    String secret = "conflicting";
    put(
        secret,
        OLD_PASSWORD,
        Map.of(KeyVaultRotations.TARGET_TAG, ServicePrincipalSecretTarget.KIND));
    String event = nearExpiry(secret);
    SecretVersions before = versionsOf(secret);

    assertThatThrownBy(() -> deployed(secret + "=random-password").run(event, context()))
        .isInstanceOf(PermanentException.class)
        .hasFieldOrPropertyWithValue("reason", "rotation-target-conflict")
        .hasMessageContaining("random-password")
        .hasMessageContaining(ServicePrincipalSecretTarget.KIND);
    assertThat(versionsOf(secret)).isEqualTo(before);
    assertThat(logText()).doesNotContain(OLD_PASSWORD);
  }

  @Test
  void nearExpiry_ofAnUntaggedUnconfiguredSecret_isAcknowledgedAndLeftAlone() {
    String secret = "left-alone";
    put(secret, OLD_PASSWORD, Map.of());
    SecretVersions before = versionsOf(secret);

    deployed(PASSWORD + "=random-password").run(nearExpiry(secret), context());

    assertThat(versionsOf(secret)).isEqualTo(before);
    assertThat(logText()).contains("no rotation target configured");
  }

  @Test
  void nearExpiry_ofADeletedSecret_isAcknowledgedWhenUnconfigured_andFailsClearlyWhenConfigured() {
    String event =
        fixture("keyvault_secret_near_expiry.json").replace("db-password", "deleted-meanwhile");

    deployed(PASSWORD + "=random-password").run(event, context());

    assertThat(logText()).contains("deleted-meanwhile", "no rotation target configured");
    assertThatThrownBy(() -> deployed("deleted-meanwhile=random-password").run(event, context()))
        .isInstanceOf(PermanentException.class)
        .hasFieldOrPropertyWithValue("reason", "secret-not-found");
  }

  @Test
  void badSettings_failAtStartUp_namingTheSetting() {
    assertThatThrownBy(() -> deployed("x=magic"))
        .hasMessageContaining("CLOUDLEDGER_ROTATION_TARGETS: unknown target kind 'magic'")
        .hasMessageContaining(ServicePrincipalSecretTarget.KIND);
    Map<String, String> env = env("");
    env.put(KeyVaults.SESSION, "nope");
    assertThatThrownBy(() -> RotationInstance.fromEnvironment(env))
        .hasMessageContaining("no Azure session named 'nope'")
        .hasMessageContaining("azure_main");
  }

  private static List<String> passwords(AzureDirectory.NewApplication app) {
    return graph.passwords(app.application().appId()).stream()
        .map(GraphApplications.Password::keyId)
        .toList();
  }

  private String logText() {
    StringBuilder text = new StringBuilder();
    logs.list.forEach(e -> text.append(e.getFormattedMessage()).append('\n'));
    return text.toString();
  }

  private static TestExecutionContext context() {
    return TestExecutionContext.of("secretNearExpiry");
  }
}
