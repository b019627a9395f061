package io.cloudledger.core.config;

import static io.cloudledger.core.config.Fixtures.errors;
import static io.cloudledger.core.config.Fixtures.fixture;
import static io.cloudledger.core.config.Fixtures.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidationTest {

  @Nested
  class WholeFile {
    @Test
    void load_whenFileHasManyProblems_throwsOneExceptionListingAll() {
      Path file = fixture("all-problems.yaml");

      assertThatThrownBy(() -> ConfigLoader.load(file))
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.problems())
                    .extracting(ConfigProblem::path, ConfigProblem::line)
                    .containsExactly(
                        tuple("cloud_sessions[0].regoin", 5),
                        tuple("cloud_sessions[1].session_type", 7),
                        tuple("cloud_sessions[2].name", 8),
                        tuple("secrets_manager.cloud_stores.aws_secrets.priority", 14),
                        tuple("inventory.endpoint", 17));
                assertThat(e.getMessage())
                    .startsWith(file + " has 5 problems:")
                    .contains(file + ":5: cloud_sessions[0].regoin: unknown key 'regoin'")
                    .contains("did you mean 'region'?")
                    .contains("unknown session_type 'azur' (did you mean 'azure'?)")
                    .contains("duplicate session name 'aws_prod' (also used by cloud_sessions[0])")
                    .contains("expected an integer, found a string ('high')")
                    .contains("expected embedded, aws or an http(s) URL");
              });
    }

    @Test
    void validate_whenFileHasManyProblems_returnsAllWithoutThrowing() {
      ValidationResult result = ConfigLoader.validate(fixture("all-problems.yaml"));

      assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
      assertThat(result.errors()).hasSize(5);
      assertThat(result.formattedProblems()).allMatch(line -> line.startsWith("error: "));
    }

    @Test
    void load_whenFileIsOnlyAComment_reportsEmptyFile() {
      assertThat(ConfigLoader.validate(fixture("empty.yaml")).errors())
          .extracting(ConfigProblem::message)
          .containsExactly("the file is empty; it needs at least a cloud_sessions list");
    }

    @Test
    void load_whenFileIsBlank_reportsEmptyFile(@TempDir Path dir) throws IOException {
      Path blank = Files.writeString(dir.resolve("cloudledger.yaml"), "\n  \n");

      assertThatThrownBy(() -> ConfigLoader.load(blank))
          .isInstanceOf(ConfigException.class)
          .hasMessage(blank + ": the file is empty; it needs at least a cloud_sessions list");
    }

    @Test
    void load_whenFileDoesNotExist_namesTheFile(@TempDir Path dir) {
      Path missing = dir.resolve("nope.yaml");

      assertThatThrownBy(() -> ConfigLoader.load(missing))
          .isInstanceOf(ConfigException.class)
          .hasMessage(missing + ": the file does not exist");
    }

    @Test
    void load_whenFileIsNotUtf8_saysSo(@TempDir Path dir) throws IOException {
      Path binary = Files.write(dir.resolve("cloudledger.yaml"), new byte[] {(byte) 0xff, 0x0a});

      assertThatThrownBy(() -> ConfigLoader.load(binary))
          .hasMessage(binary + ": the file is not UTF-8 text");
    }

    @Test
    void load_whenFileIsNotReadable_saysPermissionDenied(@TempDir Path dir) throws IOException {
      Path locked = Files.writeString(dir.resolve("cloudledger.yaml"), "cloud_sessions: []\n");
      Files.setPosixFilePermissions(locked, java.util.Set.of());
      // root reads any file, so this only means something when the tests run as a normal user
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as root");

      assertThatThrownBy(() -> ConfigLoader.load(locked))
          .hasMessage(locked + ": the file cannot be read (permission denied)");
    }

    @Test
    void load_whenPathIsADirectory_saysSo(@TempDir Path dir) {
      assertThatThrownBy(() -> ConfigLoader.load(dir))
          .hasMessage(dir + ": is a directory, not a configuration file");
    }

    @Test
    void load_whenYamlIsInvalid_reportsLineAndProblemWithoutQuotingTheLine() {
      Path file = fixture("invalid-syntax.yaml");

      assertThatThrownBy(() -> ConfigLoader.load(file))
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> {
                assertThat(e.problems())
                    .singleElement()
                    .extracting(ConfigProblem::line)
                    .isEqualTo(4);
                assertThat(e.getMessage())
                    .startsWith(file + ":4: invalid YAML: mapping values are not allowed here")
                    .doesNotContain("S3cret");
              });
    }

    @Test
    void load_whenKeysRepeatInAMapping_reportsEachDuplicateWithTheFirstLine() {
      assertThat(ConfigLoader.validate(fixture("duplicate-keys.yaml")).errors())
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].region",
                  5,
                  "duplicate key 'region' (first defined on line 4)"),
              tuple(
                  "secrets_manager.cloud_stores.aws_secrets",
                  9,
                  "duplicate key 'aws_secrets' (first defined on line 8)"));
    }

    @Test
    void load_minimalFile_appliesDefaults() {
      CloudledgerConfig config = ConfigLoader.load(fixture("minimal.yaml"));

      AwsSession session = (AwsSession) config.sessions().getFirst();
      assertThat(((ConfigValue.Literal) session.region()).value().reveal()).isEqualTo("us-east-1");
      assertThat(session.credentials()).isInstanceOf(AwsCredentials.DefaultChain.class);
      assertThat(session.regions()).isInstanceOf(RegionSelection.All.class);
      assertThat(config.secretsManager().storesByPriority())
          .extracting(StoreConfig::name, StoreConfig::priority)
          .containsExactly(tuple("user_keystore", 50), tuple("app_keystore", 75));
      assertThat(config.secretsManager().userKeystore().path().isSet()).isFalse();
      assertThat(config.inventory().store()).isEqualTo(InventoryConfig.StoreKind.DYNAMODB);
      assertThat(((ConfigValue.Literal) config.inventory().tablePrefix()).value().reveal())
          .isEqualTo("cloudledger-");
      assertThat(config.inventory().endpoint()).isInstanceOf(InventoryConfig.Embedded.class);
      assertThat(config.warnings()).isEmpty();
    }
  }

  @Nested
  class Structure {
    @Test
    void validate_whenCloudSessionsHasNoValue_saysSo() {
      assertThat(errors("cloud_sessions:\n"))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions",
                  "expected a list of sessions (each item starting with '- name:'), found an"
                      + " empty value"));
    }

    @Test
    void validate_whenTopLevelIsAList_saysAMappingIsExpected() {
      assertThat(errors("- a\n- b\n"))
          .extracting(ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  1,
                  "the top level must be a mapping with cloud_sessions, secrets_manager,"
                      + " inventory, rate_budgets, found a list"));
    }

    @Test
    void validate_whenTopLevelKeyIsMistyped_suggestsTheRightOne() {
      assertThat(errors("cloud_sessions: []\ninventroy: {}\n"))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple("inventroy", 2, "unknown key 'inventroy' (did you mean 'inventory'?)"));
    }

    @Test
    void validate_whenKeyIsFarFromAnyKnownKey_listsTheKnownKeys() {
      assertThat(errors("cloud_sessions: []\nwhatever: 1\n"))
          .extracting(ConfigProblem::message)
          .containsExactly(
              "unknown key 'whatever'; expected one of cloud_sessions, secrets_manager,"
                  + " inventory, rate_budgets");
    }

    @Test
    void validate_whenCloudSessionsIsAMapping_saysAListIsExpected() {
      assertThat(errors("cloud_sessions:\n  name: a\n"))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions",
                  "expected a list of sessions (each item starting with '- name:'), found a"
                      + " mapping"));
    }

    @Test
    void validate_whenThereAreTwoDocuments_saysOnlyOneIsRead() {
      assertThat(errors("cloud_sessions: []\n---\ncloud_sessions: []\n"))
          .extracting(ConfigProblem::message)
          .containsExactly(
              "the file holds more than one YAML document (---); cloudledger reads exactly one");
    }

    @Test
    void validate_whenAnAliasIsUsed_saysAliasesAreNotSupported() {
      String yaml =
          """
          cloud_sessions:
            - name: &n a
              session_type: aws
              profile: *n
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line)
          .containsExactly(tuple("cloud_sessions[0].profile", 4));
    }

    @Test
    void validate_whenNoSessions_warnsThatNothingIsSynced() {
      assertThat(warnings("inventory: {store: memory}\n"))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple("cloud_sessions", "there are no cloud_sessions, so nothing is synced"));
    }
  }

  @Nested
  class Sessions {
    @Test
    void validate_whenNameAndSessionTypeAreMissing_reportsBothAtTheSession() {
      assertThat(errors("cloud_sessions:\n  - region: us-east-1\n"))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple("cloud_sessions[0].name", 2, "missing required key 'name'"),
              tuple("cloud_sessions[0].session_type", 2, "missing required key 'session_type'"));
    }

    @Test
    void validate_whenNameIsMissing_stillChecksTheRestOfTheSession() {
      String yaml =
          "cloud_sessions:\n  - session_type: aws\n    endpoint_url: ftp://x\n    regoin: x\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line)
          .containsExactly(
              tuple("cloud_sessions[0].name", 2),
              tuple("cloud_sessions[0].endpoint_url", 3),
              tuple("cloud_sessions[0].regoin", 4));
    }

    @Test
    void validate_whenSessionTypeIsMissing_checksKeysAgainstEveryCloud() {
      String yaml = "cloud_sessions:\n  - name: a\n    tenant_id: ENV/T\n    projet_ids: []\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple("cloud_sessions[0].session_type", "missing required key 'session_type'"),
              tuple(
                  "cloud_sessions[0].projet_ids",
                  "unknown key 'projet_ids' (did you mean 'project_ids'?)"));
    }

    @Test
    void validate_whenSessionTypeIsUnknown_listsTheKnownTypes() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: oracle\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].session_type",
                  3,
                  "unknown session_type 'oracle'; expected one of aws, azure, gcp"));
    }

    @Test
    void validate_whenSessionTypeIsAReference_saysItMustBeWrittenOut() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: ENV/TYPE\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::message)
          .containsExactly(
              "'session_type' must be written out: ENV/ and SEC/ references are not allowed"
                  + " here");
    }

    @Test
    void validate_whenSessionNamesRepeat_reportsTheSecondNamingTheFirst() {
      String yaml =
          """
          cloud_sessions:
            - name: prod
              session_type: aws
            - name: prod
              session_type: azure
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[1].name",
                  4,
                  "duplicate session name 'prod' (also used by cloud_sessions[0])"));
    }

    @Test
    void validate_whenKeyBelongsToAnotherCloud_saysWhichCloud() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: aws\n    tenant_id: ENV/T\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].tenant_id",
                  "'tenant_id' is a key of azure sessions, not of aws sessions"));
    }

    @Test
    void validate_whenSubscriptionIdsIsAString_saysAListIsExpected() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: azure\n    subscription_ids: foo\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].subscription_ids",
                  4,
                  "expected a list (e.g. [a, b] or one '- item' per line), found a string"
                      + " ('foo')"));
    }

    @Test
    void validate_whenSubscriptionIdIsNotAGuid_namesTheItem() {
      String yaml =
          """
          cloud_sessions:
            - name: a
              session_type: azure
              subscription_ids:
                - 8f3b2a10-4c5d-4e6f-9a7b-1c2d3e4f5a6b
                - my-subscription
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line)
          .containsExactly(tuple("cloud_sessions[0].subscription_ids[1]", 6));
    }

    @Test
    void validate_whenBooleanIsQuoted_saysTrueOrFalseIsExpected() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: azure\n    use_managed_identity: 'yes'\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].use_managed_identity",
                  "expected true or false, found a string ('yes')"));
    }

    @Test
    void validate_whenValueIsEmpty_saysItHasNoValue() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: aws\n    region:\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple("cloud_sessions[0].region", "has no value; give one or remove the key"));
    }

    @Test
    void validate_whenRoleArnIsMalformed_showsTheExpectedShape() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: aws\n    role_arn: arn:aws:iam::123:user/bob\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].role_arn",
                  4,
                  "is not an IAM role ARN like arn:aws:iam::123456789012:role/cloudledger-reader,"
                      + " found 'arn:aws:iam::123:user/bob'"));
    }

    @Test
    void validate_whenRoleArnIsAReference_acceptsItUnchecked() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: aws\n    role_arn: ENV/ROLE_ARN\n";

      assertThat(errors(yaml)).isEmpty();
    }

    @Test
    void validate_whenExternalIdHasNoRole_saysItNeedsRoleArn() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: aws\n    external_id: SEC/x\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].external_id",
                  "only applies together with role_arn, which is not set"));
    }

    @Test
    void validate_whenSecretKeyHasNoAccessKeyId_reportsTheMissingHalf() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: aws\n    secret_access_key: SEC/k\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].access_key_id",
                  2,
                  "secret_access_key needs access_key_id, which is missing"));
    }

    @Test
    void validate_whenRegionsIsNeitherAllNorAList_saysWhatIsExpected() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: aws\n    regions: every\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].regions",
                  "expected 'all' or a list of region names, found a string ('every')"));
    }

    @Test
    void validate_whenRegionsListIsEmptyOrHasABadName_reportsBoth() {
      String yaml =
          """
          cloud_sessions:
            - name: a
              session_type: aws
              regions: []
            - name: b
              session_type: aws
              regions: [eu-west-1, Europe]
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].regions",
                  "an empty list selects no region; write 'all' or list regions"),
              tuple(
                  "cloud_sessions[1].regions[1]",
                  "is not an AWS region name like eu-west-1, found 'Europe'"));
    }

    @Test
    void validate_whenUrlsAreNotHttp_reportsEach() {
      String yaml =
          """
          cloud_sessions:
            - name: a
              session_type: aws
              endpoint_url: ftp://127.0.0.1:21
              endpoints: { sts: 'not a url', ec2: http://127.0.0.1:4566 }
            - name: b
              session_type: azure
              authority_host: http://127.0.0.1:4567
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].endpoint_url",
                  4,
                  "is not an http(s) URL: 'ftp://127.0.0.1:21'"),
              tuple("cloud_sessions[0].endpoints.sts", 5, "is not an http(s) URL: 'not a url'"),
              tuple(
                  "cloud_sessions[1].authority_host",
                  8,
                  "must be an https URL (the Azure SDK refuses other authority hosts)"));
    }

    @Test
    void validate_whenClientSecretLacksTenantAndClientId_reportsBoth() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: azure\n    client_secret: SEC/s\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].client_id", "client_secret needs client_id, which is missing"),
              tuple(
                  "cloud_sessions[0].tenant_id",
                  "client_secret needs tenant_id, which is missing"));
    }

    @Test
    void validate_whenManagedIdentityAndClientSecretAreBothSet_asksToKeepOne() {
      String yaml =
          """
          cloud_sessions:
            - name: a
              session_type: azure
              tenant_id: ENV/T
              client_id: ENV/C
              client_secret: SEC/s
              use_managed_identity: true
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].use_managed_identity",
                  "use_managed_identity and client_secret both choose how to sign in; keep one"));
    }

    @Test
    void load_azureWithoutSecret_usesManagedIdentityOrDefaultCredential() {
      String yaml =
          """
          cloud_sessions:
            - name: mi
              session_type: azure
              use_managed_identity: true
              managed_identity_client_id: ENV/MI_CLIENT
            - name: default
              session_type: azure
          """;

      CloudledgerConfig config = ConfigLoader.parse(yaml, Fixtures.INLINE);

      assertThat(((AzureSession) config.sessions().get(0)).auth())
          .isInstanceOfSatisfying(
              AzureAuth.ManagedIdentity.class,
              mi -> assertThat(mi.clientId()).isInstanceOf(ConfigValue.EnvReference.class));
      assertThat(((AzureSession) config.sessions().get(1)).auth())
          .isInstanceOf(AzureAuth.DefaultCredential.class);
    }

    @Test
    void load_gcpWithoutCredentials_usesApplicationDefault() {
      CloudledgerConfig config =
          ConfigLoader.parse(
              "cloud_sessions:\n  - {name: g, session_type: gcp}\n", Fixtures.INLINE);

      assertThat(((GcpSession) config.sessions().getFirst()).credentials())
          .isInstanceOf(GcpCredentials.ApplicationDefault.class);
    }
  }

  @Nested
  class References {
    @Test
    void validate_whenSecretReferenceHasNoName_saysSo() {
      String yaml = "cloud_sessions:\n  - name: a\n    session_type: gcp\n    credentials: SEC/\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].credentials",
                  4,
                  "SEC/ has no name after the /: a secret name is 1-256 letters, digits or"
                      + " ._/+=@- and starts with a letter or digit, e.g."
                      + " SEC/azure_client_secret"));
    }

    @Test
    void validate_whenEnvironmentNameHasIllegalCharacters_saysWhatANameMayHold() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: aws\n    profile: ENV/lower-case?\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "cloud_sessions[0].profile",
                  "malformed reference 'ENV/lower-case?': an environment variable name has"
                      + " letters, digits and _ only and does not start with a digit, e.g."
                      + " ENV/AZURE_TENANT_ID"));
    }

    @Test
    void validate_whenEnvironmentNameIsLowerCaseWithUnderscores_acceptsIt() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: aws\n    profile: ENV/aws_profile\n";

      assertThat(errors(yaml)).isEmpty();
    }

    @Test
    void validate_whenReferenceIsInAListItem_checksIt() {
      String yaml =
          "cloud_sessions:\n  - name: a\n    session_type: gcp\n    project_ids: [ENV/1BAD]\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path)
          .containsExactly("cloud_sessions[0].project_ids[0]");
    }

    @Test
    void validate_whenKeystorePathIsASecret_explainsTheCycle() {
      String yaml = "secrets_manager:\n  user_keystore:\n    path: SEC/path\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line)
          .containsExactly(tuple("secrets_manager.user_keystore.path", 3));
    }
  }

  @Nested
  class Stores {
    private static final String SESSIONS =
        """
        cloud_sessions:
          - {name: aws_prod, session_type: aws}
          - {name: azure_corp, session_type: azure}
        """;

    @Test
    void validate_whenStoreNamesAMissingSession_suggestsTheClosest() {
      String yaml =
          SESSIONS
              + """
              secrets_manager:
                cloud_stores:
                  s: {store_type: aws, session_name: aws_prd}
              """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "secrets_manager.cloud_stores.s.session_name",
                  6,
                  "names no session of cloud_sessions: 'aws_prd' (did you mean 'aws_prod'?)"));
    }

    @Test
    void validate_whenStoreUsesASessionOfAnotherCloud_namesBothClouds() {
      String yaml =
          SESSIONS
              + """
              secrets_manager:
                cloud_stores:
                  kv:
                    store_type: azure
                    session_name: aws_prod
                    vault_url: https://x.vault.azure.net/
              """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "secrets_manager.cloud_stores.kv.session_name",
                  8,
                  "session 'aws_prod' is an aws session, but an azure store needs an azure"
                      + " session"));
    }

    @Test
    void validate_whenStoreTypeIsUnknown_suggestsTheClosest() {
      String yaml = SESSIONS + "secrets_manager:\n  cloud_stores:\n    s: {store_type: vaullt}\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "secrets_manager.cloud_stores.s.store_type",
                  "unknown store_type 'vaullt' (did you mean 'vault'?); expected one of aws,"
                      + " azure, gcp, vault"));
    }

    @Test
    void validate_whenStoreLacksRequiredKeys_reportsEach() {
      String yaml =
          SESSIONS
              + """
              secrets_manager:
                cloud_stores:
                  kv: {store_type: azure}
                  v: {store_type: vault, session_name: aws_prod}
              """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactlyInAnyOrder(
              tuple(
                  "secrets_manager.cloud_stores.kv.session_name",
                  "missing required key 'session_name'"),
              tuple(
                  "secrets_manager.cloud_stores.kv.vault_url", "missing required key 'vault_url'"),
              tuple("secrets_manager.cloud_stores.v.address", "missing required key 'address'"),
              tuple(
                  "secrets_manager.cloud_stores.v.session_name",
                  "'session_name' is a key of aws, azure, gcp stores, not of vault stores"));
    }

    @Test
    void validate_whenPriorityIsNotANumber_reportsTheWrongType() {
      String yaml =
          SESSIONS
              + "secrets_manager:\n  cloud_stores:\n    s: {store_type: aws, session_name: aws_prod, priority: high}\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "secrets_manager.cloud_stores.s.priority",
                  6,
                  "expected an integer, found a string ('high')"));
    }

    @Test
    void validate_whenPriorityIsNegative_saysTheRange() {
      String yaml = "secrets_manager:\n  app_keystore: {priority: -1}\n";

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "secrets_manager.app_keystore.priority",
                  "must be a whole number from 0 to 2147483647"));
    }

    @Test
    void validate_whenTwoStoresSharePriority_warns() {
      String yaml =
          SESSIONS
              + "secrets_manager:\n  cloud_stores:\n    s: {store_type: aws, session_name: aws_prod, priority: 50}\n";

      ValidationResult result = ConfigLoader.validate(yaml, Fixtures.INLINE);

      assertThat(result.errors()).isEmpty();
      assertThat(result.warnings())
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "secrets_manager.cloud_stores.s.priority",
                  "priority 50 is shared with 'user_keystore'; stores with equal priority are"
                      + " asked in name order"));
    }

    @Test
    void load_disabledKeystore_isNotAsked() {
      CloudledgerConfig config =
          ConfigLoader.parse(
              "secrets_manager:\n  user_keystore: {enabled: false}\n", Fixtures.INLINE);

      assertThat(config.secretsManager().storesByPriority())
          .extracting(StoreConfig::name)
          .containsExactly("app_keystore");
    }
  }

  @Nested
  class Inventory {
    @Test
    void validate_whenInventorySettingsAreWrong_reportsEach() {
      String yaml =
          """
          inventory:
            store: dynamo
            table_prefix: "cloud ledger"
            endpoint: somewhere
            region: Frankfurt
          """;

      assertThat(errors(yaml))
          .extracting(ConfigProblem::path, ConfigProblem::message)
          .containsExactly(
              tuple(
                  "inventory.store",
                  "unknown inventory store 'dynamo' (did you mean 'dynamodb'?); expected"
                      + " dynamodb or memory"),
              tuple(
                  "inventory.table_prefix",
                  "may only hold letters, digits, _, . and -, found 'cloud ledger'"),
              tuple(
                  "inventory.endpoint",
                  "expected embedded, aws or an http(s) URL, found 'somewhere'"),
              tuple(
                  "inventory.region",
                  "is not an AWS region name like us-east-1, found 'Frankfurt'"));
    }

    @Test
    void load_inventoryEndpoint_readsAwsUrlAndReference() {
      InventoryConfig.Endpoint aws =
          ConfigLoader.parse("inventory: {endpoint: aws}\n", Fixtures.INLINE)
              .inventory()
              .endpoint();
      InventoryConfig.Endpoint url =
          ConfigLoader.parse("inventory: {endpoint: 'http://127.0.0.1:8000'}\n", Fixtures.INLINE)
              .inventory()
              .endpoint();
      InventoryConfig.Endpoint env =
          ConfigLoader.parse("inventory: {endpoint: ENV/DDB_URL}\n", Fixtures.INLINE)
              .inventory()
              .endpoint();

      assertThat(aws).isInstanceOf(InventoryConfig.AwsDefault.class);
      assertThat(url).isInstanceOf(InventoryConfig.Remote.class);
      assertThat(((InventoryConfig.Remote) env).url()).isInstanceOf(ConfigValue.EnvReference.class);
    }
  }
}
