package io.cloudledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountKeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws#123456789012",
        "azure#3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "gcp#my-project-123"
      })
  void parse_thenValue_roundTrips(String key) {
    assertThat(AccountKey.parse(key).value()).isEqualTo(key);
    assertThat(AccountKey.parse(key).toString()).isEqualTo(key);
  }

  @Test
  void parse_splitsProviderAndAccountId() {
    AccountKey key = AccountKey.parse("AZURE#sub-1");

    assertThat(key.provider()).isEqualTo(Provider.AZURE);
    assertThat(key.accountId()).isEqualTo("sub-1");
    assertThat(key.value()).isEqualTo("azure#sub-1");
  }

  @Test
  void parse_whenProviderUnknown_namesTheKnownOnes() {
    assertThatThrownBy(() -> AccountKey.parse("oracle#1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown provider 'oracle', expected one of aws, azure, gcp");
  }

  @Test
  void parse_whenSeparatorMissing_explainsTheFormat() {
    assertThatThrownBy(() -> AccountKey.parse("123456789012"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected <provider>#<accountId>");
  }

  @Test
  void create_whenAwsAccountIsNotTwelveDigits_rejectsIt() {
    assertThatThrownBy(() -> AccountKey.of(Provider.AWS, "12345"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an AWS account id has exactly 12 digits, got '12345'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a#b", "has space", "-leading"})
  void create_whenAccountIdHasForbiddenCharacters_rejectsIt(String accountId) {
    assertThatThrownBy(() -> AccountKey.of(Provider.GCP, accountId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid gcp account id");
  }

  @Test
  void json_isThePlainKeyString() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    AccountKey key = AccountKey.parse("aws#123456789012");

    String json = mapper.writeValueAsString(key);

    assertThat(json).isEqualTo("\"aws#123456789012\"");
    assertThat(mapper.readValue(json, AccountKey.class)).isEqualTo(key);
  }
}
