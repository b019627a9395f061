package io.cloudledger.core.secrets.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.SecretStoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeystorePasswordSourceTest {
  private static final Path KEYSTORE = Path.of("/home/u/.cloudledger/keystore-user.clks");

  @Test
  void environmentVariable_winsAndThePromptIsNotUsed() {
    List<String> prompts = new ArrayList<>();
    var source =
        KeystorePasswordSource.of(
            Map.of("CLOUDLEDGER_KEYSTORE_PASSWORD", "from-env"),
            prompt -> {
              prompts.add(prompt);
              return "typed".toCharArray();
            });

    assertThat(source.password(KEYSTORE)).isEqualTo("from-env".toCharArray());
    assertThat(prompts).isEmpty();
  }

  @Test
  void withoutVariable_promptsNamingTheKeystore() {
    List<String> prompts = new ArrayList<>();
    var source =
        KeystorePasswordSource.of(
            Map.of(),
            prompt -> {
              prompts.add(prompt);
              return "typed".toCharArray();
            });

    assertThat(source.forKeystore(KEYSTORE).get()).isEqualTo("typed".toCharArray());
    assertThat(prompts).containsExactly("Password for keystore " + KEYSTORE + ": ");
  }

  @Test
  void withoutVariableOrTerminal_errorSaysWhichVariableToSet() {
    assertThatThrownBy(() -> KeystorePasswordSource.environmentOnly(Map.of()).password(KEYSTORE))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("set CLOUDLEDGER_KEYSTORE_PASSWORD");
  }

  @Test
  void emptyVariableOrNoInput_isAnError() {
    assertThatThrownBy(
            () ->
                KeystorePasswordSource.environmentOnly(Map.of("CLOUDLEDGER_KEYSTORE_PASSWORD", ""))
                    .password(KEYSTORE))
        .hasMessageContaining("is set but empty");
    assertThatThrownBy(() -> KeystorePasswordSource.of(Map.of(), prompt -> null).password(KEYSTORE))
        .hasMessageContaining("no password was entered");
  }
}
