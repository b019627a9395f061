package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "cloudledger.yaml");
  private static CloudledgerConfig config;

  @BeforeAll
  static void load() {
    config = ConfigLoader.load(EXAMPLE);
  }

  @Test
  void validate_example_isValidWithoutWarnings() {
    ValidationResult result = ConfigLoader.validate(EXAMPLE);

    assertThat(result.formattedProblems()).isEmpty();
    assertThat(result).isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void load_example_readsAwsSessionWithAssumedRole() {
    AwsSession prod = (AwsSession) config.session("aws_prod").orElseThrow();

    assertThat(prod.credentials()).isInstanceOf(AwsCredentials.DefaultChain.class);
    assertThat(prod.assumesRole()).isTrue();
    assertThat(text(prod.roleArn())).isEqualTo("arn:aws:iam::123456789012:role/cloudledger-reader");
    assertThat(prod.externalId())
        .isEqualTo(
            new ConfigValue.SecretReference(
                new ValueOrigin(EXAMPLE, "cloud_sessions[0].external_id", 25),
                "aws_prod_external_id"));
    assertThat(text(prod.roleSessionName())).isEqualTo("cloudledger-sync");
    assertThat(prod.regions()).isInstanceOf(RegionSelection.All.class);
    assertThat(prod.endpoints().isOverridden()).isFalse();
  }

  @Test
  void load_example_readsAwsStaticKeysAndRegionList() {
    AwsSession dev = (AwsSession) config.session("aws_dev").orElseThrow();

    AwsCredentials.StaticKeys keys = (AwsCredentials.StaticKeys) dev.credentials();
    assertThat(keys.accessKeyId()).isInstanceOf(ConfigValue.EnvReference.class);
    assertThat(keys.sessionToken().isSet()).isFalse();
    assertThat(dev.assumesRole()).isFalse();
    assertThat(text(dev.roleSessionName())).isEqualTo("cloudledger");
    List<ConfigValue> regions = ((RegionSelection.Listed) dev.regions()).regions();
    assertThat(regions).map(ExampleConfigTest::text).containsExactly("eu-west-1", "eu-central-1");
  }

  @Test
  void load_example_readsAzureClientSecretAndGcpKey() {
    AzureSession azure = (AzureSession) config.session("azure_corp").orElseThrow();
    GcpSession gcp = (GcpSession) config.session("gcp_main").orElseThrow();

    assertThat(azure.auth()).isInstanceOf(AzureAuth.ClientSecret.class);
    assertThat(azure.tenantId()).isInstanceOf(ConfigValue.EnvReference.class);
    assertThat(azure.subscriptionIds()).hasSize(2);
    assertThat(azure.authorityHost().isSet()).isFalse();
    assertThat(gcp.credentials()).isInstanceOf(GcpCredentials.ServiceAccountKey.class);
    assertThat(gcp.projectIds())
        .map(ExampleConfigTest::text)
        .containsExactly("acme-prod-123456", "acme-data-654321");
  }

  @Test
  void load_example_ordersStoresByPriority() {
    assertThat(config.secretsManager().storesByPriority())
        .extracting(StoreConfig::name, StoreConfig::priority)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("user_keystore", 50),
            org.assertj.core.groups.Tuple.tuple("app_keystore", 75),
            org.assertj.core.groups.Tuple.tuple("azure_keyvault", 100),
            org.assertj.core.groups.Tuple.tuple("aws_secrets", 200),
            org.assertj.core.groups.Tuple.tuple("gcp_secrets", 300),
            org.assertj.core.groups.Tuple.tuple("team_vault", 400));
    CloudStoreConfig.HashiCorpVault vault =
        (CloudStoreConfig.HashiCorpVault) config.secretsManager().cloudStore("team_vault").get();
    assertThat(text(vault.mount())).isEqualTo("secret");
    assertThat(vault.token()).isInstanceOf(ConfigValue.EnvReference.class);
  }

  @Test
  void load_example_readsInventory() {
    InventoryConfig inventory = config.inventory();

    assertThat(inventory.store()).isEqualTo(InventoryConfig.StoreKind.DYNAMODB);
    assertThat(text(inventory.tablePrefix())).isEqualTo("cloudledger-");
    assertThat(inventory.endpoint()).isInstanceOf(InventoryConfig.Embedded.class);
  }

  @Test
  void summary_example_countsSessionsPerCloudAndListsStores() {
    ConfigSummary summary = config.summary();

    assertThat(summary.sessionsPerCloud())
        .containsEntry(SessionType.AWS, 2)
        .containsEntry(SessionType.AZURE, 1)
        .containsEntry(SessionType.GCP, 1);
    assertThat(summary.lines())
        .first()
        .asString()
        .endsWith("4 cloud sessions (aws 2, azure 1, gcp 1)");
    assertThat(summary.lines())
        .anySatisfy(line -> assertThat(line).contains("100", "azure_keyvault", "azure_corp"));
    assertThat(summary.lines().getLast())
        .isEqualTo("inventory: dynamodb, table prefix cloudledger-, embedded DynamoDB Local");
  }

  private static String text(ConfigValue value) {
    return ((ConfigValue.Literal) value).value().reveal();
  }
}
