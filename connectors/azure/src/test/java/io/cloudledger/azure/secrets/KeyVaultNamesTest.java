package io.cloudledger.azure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyVaultNamesTest {

  @Test
  void encode_escapesEveryCharacterKeyVaultRejectsOrFoldsCase() {
    assertThat(KeyVaultNames.encode("", "azure_client_secret")).isEqualTo("azure-0client-0secret");
    assertThat(KeyVaultNames.encode("cl-", "team/db.Password-1"))
        .isEqualTo("cl-team-2db-1-password--1");
    assertThat(KeyVaultNames.encode("", "alpha")).isEqualTo("alpha");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"alpha", "Alpha", "ALPHA", "a_b", "a-b", "a--b", "a.b/c", "x-0", "_-./Zz9"})
  void decode_invertsEncode_andCaseVariantsStayDistinct(String name) {
    String vaultName = KeyVaultNames.encode("p-", name);

    assertThat(vaultName).matches("[0-9a-z-]+");
    assertThat(KeyVaultNames.decode("p-", vaultName)).contains(name);
  }

  @Test
  void encode_ofCaseVariants_givesDifferentVaultNames() {
    assertThat(KeyVaultNames.encode("", "Alpha"))
        .isNotEqualToIgnoringCase(KeyVaultNames.encode("", "alpha"));
  }

  @Test
  void decode_skipsNamesOtherToolsCreated_andOtherPrefixes() {
    assertThat(KeyVaultNames.decode("", "MySecret")).isEmpty();
    assertThat(KeyVaultNames.decode("", "trailing-")).isEmpty();
    assertThat(KeyVaultNames.decode("", "bad-9escape")).isEmpty();
    assertThat(KeyVaultNames.decode("team1-", "team2-alpha")).isEmpty();
    assertThat(KeyVaultNames.decode("team1-", "team1-")).isEmpty();
    assertThat(KeyVaultNames.decode("team1-", "TEAM1-alpha")).contains("alpha");
  }

  @Test
  void encode_refusesNamesTooLongForKeyVault_withoutEchoingThem() {
    String name = "a_".repeat(64);

    assertThatThrownBy(() -> KeyVaultNames.encode("", name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192 characters")
        .hasMessageNotContaining(name);
  }

  @Test
  void prefix_mustBeAKeyVaultName() {
    assertThatThrownBy(() -> KeyVaultNames.requireValidPrefix("team_a/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits and '-'");
  }
}
