package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RandomSecretsTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void generate_usesOnlyAlphabetAndRequestedLength() {
    SecretValue value = RandomSecrets.generate(random, 4096, "ab");

    assertThat(value.reveal()).hasSize(4096).matches("[ab]+").contains("a", "b");
  }

  @Test
  void generate_rejectsLengthOutsideOneTo4096() {
    assertThatThrownBy(() -> RandomSecrets.generate(random, 0, "ab"))
        .hasMessageContaining("between 1 and 4096, got 0");
    assertThatThrownBy(() -> RandomSecrets.generate(random, 4097, "ab"))
        .hasMessageContaining("got 4097");
  }

  @Test
  void generate_rejectsAlphabetWithFewerThanTwoDistinctCharacters() {
    assertThatThrownBy(() -> RandomSecrets.generate(random, 8, "aaaa"))
        .hasMessageContaining("at least 2 distinct characters, got 1");
    assertThatThrownBy(() -> RandomSecrets.generate(random, 8, "")).hasMessageContaining("got 0");
  }
}
