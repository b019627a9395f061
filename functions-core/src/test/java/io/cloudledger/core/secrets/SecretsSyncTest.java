package io.cloudledger.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsSyncTest {
  final InMemorySecretStore from = new InMemorySecretStore("from", 10);
  final InMemorySecretStore to = new InMemorySecretStore("to", 20);

  SecretsSyncTest() {
    from.set("same", SecretValue.of("s-1"));
    from.set("changed", SecretValue.of("new-2"));
    from.set("missing", SecretValue.of("m-3"));
    to.set("same", SecretValue.of("s-1"));
    to.set("changed", SecretValue.of("old-2"));
  }

  @Test
  void dryRun_plansCreateUpdateUnchanged_andWritesNothing() {
    SecretsSync.Result plan = SecretsSync.run(from, to, false);

    assertThat(plan.entries())
        .extracting(SecretsSync.Entry::name, SecretsSync.Entry::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("changed", SecretsSync.Action.UPDATE),
            org.assertj.core.groups.Tuple.tuple("missing", SecretsSync.Action.CREATE),
            org.assertj.core.groups.Tuple.tuple("same", SecretsSync.Action.UNCHANGED));
    assertThat(to.get("missing")).isEmpty();
    assertThat(to.get("changed")).contains(SecretValue.of("old-2"));
    assertThat(plan.toString()).doesNotContain("new-2", "old-2", "m-3", "s-1");
  }

  @Test
  void apply_copiesWhatDiffers() {
    SecretsSync.Result result = SecretsSync.run(from, to, true);

    assertThat(result.applied()).isTrue();
    assertThat(to.get("missing")).contains(SecretValue.of("m-3"));
    assertThat(to.get("changed")).contains(SecretValue.of("new-2"));
    assertThat(result.count(SecretsSync.Action.UNCHANGED)).isEqualTo(1);
  }

  @Test
  void apply_toReadOnlyStore_isRefusedBeforeAnyRead() {
    EnvironmentSecretStore env = new EnvironmentSecretStore(Map.of());

    assertThatThrownBy(() -> SecretsSync.run(from, env, true))
        .isInstanceOf(ReadOnlySecretStoreException.class);
  }
}
