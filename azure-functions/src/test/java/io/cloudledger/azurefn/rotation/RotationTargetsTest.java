package io.cloudledger.azurefn.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.RotationTarget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationTargetsTest {

  @Test
  void targetOf_prefersTheVaultQualifiedEntryAndIgnoresCase() {
    RotationTarget special = RandomPasswordTarget.withDefaults();
    RotationTargets targets =
        RotationTargets.parse(
            "db-password=random-password, prod-kv/DB-Password=special",
            Map.of("special", () -> special));

    assertThat(targets.targetOf("prod-kv", "db-password")).containsSame(special);
    assertThat(targets.targetOf("test-kv", "db-password"))
        .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(RandomPasswordTarget.KIND));
    assertThat(targets.targetOf("prod-kv", "api-key")).isEmpty();
  }

  @Test
  void parse_ofAnEmptySetting_rotatesNothing() {
    assertThat(RotationTargets.parse("", Map.of()).targetOf("kv", "any")).isEmpty();
    assertThat(RotationTargets.parse(null, Map.of()).targetOf("kv", "any")).isEmpty();
  }

  @Test
  void parse_namesBadEntriesKindsAndLengths() {
    assertThatThrownBy(() -> RotationTargets.parse("db-password", Map.of()))
        .hasMessageContaining("'db-password' is not secret=kind or vault/secret=kind");
    assertThatThrownBy(() -> RotationTargets.parse("a=sp-secret", Map.of()))
        .hasMessageContaining("unknown target kind 'sp-secret'")
        .hasMessageContaining("random-password:LENGTH");
    assertThatThrownBy(() -> RotationTargets.parse("a=random-password:many", Map.of()))
        .hasMessageContaining("bad length in 'random-password:many'");
  }

  @Test
  void randomPasswordWithLength_makesPasswordsOfThatLength() {
    RotationTarget target =
        RotationTargets.parse("a=random-password:48", Map.of()).targetOf("kv", "a").orElseThrow();

    String value =
        target
            .create(io.cloudledger.core.secrets.SecretValue.of("x"), java.util.Optional.empty())
            .reveal();

    assertThat(value).hasSize(48);
  }
}
