package io.cloudledger.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.secrets.SecretValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RotationTest {
  static final String SECRET = "app/db-password";
  static final String OLD_VERSION = "v-old";
  static final String TOKEN = "token-1";
  static final SecretValue OLD = SecretValue.of("old-password-value");

  final InMemoryVersionedSecrets store =
      new InMemoryVersionedSecrets(
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  RotationTest() {
    store.create(SECRET, OLD_VERSION, OLD);
  }

  Rotation rotation() {
    return new Rotation(
        store, new RandomPasswordTarget(new SecureRandom(), 24, "abcdef0123456789"));
  }

  Map<String, Set<String>> layout() {
    return store.versions(SECRET).versions().stream()
        .collect(Collectors.toMap(SecretVersion::versionId, SecretVersion::stages));
  }

  @Test
  void run_movesCurrentToNewValue_keepsPrevious_noPending() {
    rotation().run(SECRET, TOKEN);

    assertThat(layout())
        .isEqualTo(Map.of(TOKEN, Set.of("AWSCURRENT"), OLD_VERSION, Set.of("AWSPREVIOUS")));
    assertThat(store.valueAt(SECRET, "AWSPREVIOUS")).contains(OLD);
    assertThat(store.valueAt(SECRET, "AWSCURRENT").orElseThrow().reveal()).hasSize(24);
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void crashAfterStep_thenRerunFromStart_completesWithOneCurrent(RotationStep crashAfter) {
    Rotation first = rotation();
    for (RotationStep step : RotationStep.values()) {
      first.step(step, SECRET, TOKEN);
      if (step == crashAfter) {
        break;
      }
    }
    Optional<SecretValue> pendingBeforeCrash = store.valueAt(SECRET, "AWSPENDING");

    rotation().run(SECRET, TOKEN); // a fresh Rotation, as after a restart

    assertThat(layout())
        .isEqualTo(Map.of(TOKEN, Set.of("AWSCURRENT"), OLD_VERSION, Set.of("AWSPREVIOUS")));
    assertThat(store.valueAt(SECRET, "AWSPREVIOUS")).contains(OLD);
    pendingBeforeCrash.ifPresent(
        pending -> assertThat(store.valueAt(SECRET, "AWSCURRENT")).contains(pending));
  }

  @Test
  void create_withAnotherTokenWhilePending_isRefusedAndChangesNothing() {
    rotation().create(SECRET, TOKEN);
    Map<String, Set<String>> before = layout();

    assertThatThrownBy(() -> rotation().create(SECRET, "token-2"))
        .isInstanceOf(RotationConflictException.class)
        .hasMessageContaining(TOKEN)
        .hasMessageContaining("token-2");
    assertThatThrownBy(() -> rotation().finish(SECRET, "token-2"))
        .isInstanceOf(RotationConflictException.class);
    assertThat(layout()).isEqualTo(before);
  }

  @Test
  void currentStaysOldUntilFinish() {
    Rotation rotation = rotation();
    rotation.create(SECRET, TOKEN);
    rotation.set(SECRET, TOKEN);
    rotation.test(SECRET, TOKEN);

    assertThat(store.valueAt(SECRET, "AWSCURRENT")).contains(OLD);
    rotation.finish(SECRET, TOKEN);
    assertThat(store.valueAt(SECRET, "AWSCURRENT")).isNotEqualTo(Optional.of(OLD));
  }

  @Test
  void set_withoutCreate_namesTheMissingStep() {
    assertThatThrownBy(() -> rotation().set(SECRET, TOKEN))
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("run the create step");
  }

  @Test
  void secondRotation_afterFirstFinished_rotatesAgain() {
    rotation().run(SECRET, TOKEN);
    SecretValue first = store.valueAt(SECRET, "AWSCURRENT").orElseThrow();

    rotation().run(SECRET, "token-2");

    assertThat(layout())
        .isEqualTo(Map.of("token-2", Set.of("AWSCURRENT"), TOKEN, Set.of("AWSPREVIOUS")));
    assertThat(store.valueAt(SECRET, "AWSPREVIOUS")).contains(first);
  }

  @Test
  void stepResults_neverContainTheValues() {
    var results = rotation().run(SECRET, TOKEN);
    String current = store.valueAt(SECRET, "AWSCURRENT").orElseThrow().reveal();

    assertThat(results.toString()).doesNotContain(current).doesNotContain(OLD.reveal());
  }
}
