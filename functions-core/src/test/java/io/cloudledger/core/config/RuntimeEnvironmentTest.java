package io.cloudledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.dispatch.SyncKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeEnvironmentTest {

  @Test
  void text_whenUnsetOrBlank_returnsFallback_elseStrippedValue() {
    assertThat(RuntimeEnvironment.text(Map.of(), "X", "d")).isEqualTo("d");
    assertThat(RuntimeEnvironment.text(Map.of("X", "  "), "X", "d")).isEqualTo("d");
    assertThat(RuntimeEnvironment.text(Map.of("X", " v "), "X", "d")).isEqualTo("v");
  }

  @Test
  void config_whenUnsetOrBlank_saysItIsNotSet() {
    assertThatThrownBy(() -> RuntimeEnvironment.config(Map.of("CLOUDLEDGER_CONFIG", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "CLOUDLEDGER_CONFIG is not set: give the path of cloudledger.yaml or the YAML itself");
  }

  @Test
  void config_whenSet_returnsItStripped() {
    assertThat(RuntimeEnvironment.config(Map.of("CLOUDLEDGER_CONFIG", " /a.yaml ")))
        .isEqualTo("/a.yaml");
  }

  @Test
  void workerTimeout_whenUnset_usesTheRuntimesDefault() {
    assertThat(RuntimeEnvironment.workerTimeout(Map.of(), 540)).isEqualTo(Duration.ofSeconds(540));
    assertThat(
            RuntimeEnvironment.workerTimeout(
                Map.of("CLOUDLEDGER_WORKER_TIMEOUT_SECONDS", "30"), 540))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void workerTimeout_whenNotANumber_namesTheVariableAndValue() {
    assertThatThrownBy(
            () ->
                RuntimeEnvironment.workerTimeout(
                    Map.of("CLOUDLEDGER_WORKER_TIMEOUT_SECONDS", "ten"), 900))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CLOUDLEDGER_WORKER_TIMEOUT_SECONDS must be a number of seconds, got 'ten'");
  }

  @Test
  void scheduleKinds_whenUnset_isInventory_elseTheListedKinds() {
    assertThat(RuntimeEnvironment.scheduleKinds(Map.of())).containsExactly(SyncKind.INVENTORY);
    assertThat(
            RuntimeEnvironment.scheduleKinds(
                Map.of("CLOUDLEDGER_SCHEDULE_KINDS", "cost, inventory")))
        .containsExactlyInAnyOrder(SyncKind.COST, SyncKind.INVENTORY);
  }

  @Test
  void scheduleKinds_whenAKindIsUnknown_namesTheVariableAndTheKind() {
    assertThatThrownBy(
            () ->
                RuntimeEnvironment.scheduleKinds(
                    Map.of("CLOUDLEDGER_SCHEDULE_KINDS", "cost,bogus")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("CLOUDLEDGER_SCHEDULE_KINDS: unknown sync kind 'bogus'");
  }

  @Test
  void kinds_whenAKindIsUnknown_namesTheSource() {
    assertThatThrownBy(() -> RuntimeEnvironment.kinds("nope", "the request"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the request: unknown sync kind 'nope'");
  }

  @Test
  void isInline_tellsYamlFromAPath() {
    assertThat(RuntimeEnvironment.isInline("/etc/cloudledger.yaml")).isFalse();
    assertThat(RuntimeEnvironment.isInline("cloud_sessions: []")).isTrue();
    assertThat(RuntimeEnvironment.isInline("a: 1\nb: 2")).isTrue();
  }

  @Test
  void load_whenAPathDoesNotExist_failsNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> RuntimeEnvironment.load(missing.toString()))
        .hasMessageContaining("missing.yaml");
  }

  @Test
  void load_whenInlineYamlIsInvalid_namesTheVariableAsTheSource() {
    assertThatThrownBy(() -> RuntimeEnvironment.load("cloud_sessions:\n  - bogus: 1\n"))
        .hasMessageContaining("CLOUDLEDGER_CONFIG");
  }
}
