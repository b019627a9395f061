package io.cloudledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentHasherTest {
  private static final AccountKey ACCOUNT = AccountKey.parse("aws#123456789012");
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-05T12:00:00Z");

  private static final ResourceObservation BASE =
      new ResourceObservation(
          ResourceType.VM,
          "us-east-1",
          "i-0abc",
          "web-1",
          ResourceStatus.RUNNING,
          "running",
          Map.of("env", "prod", "team", "core"),
          Map.of("instanceType", "t3.micro"));

  private static String hash(ResourceObservation observation) {
    return ContentHasher.hash(ACCOUNT, observation);
  }

  @Test
  void hash_isPinned_soAnEncodingChangeIsNoticedBeforeItRewritesEveryItem() {
    // Also computed outside Java from the documented encoding (4-byte big-endian length + UTF-8).
    assertThat(hash(BASE))
        .isEqualTo("927f5fc23c0c652fae6b25ba1b6274dd4b9fc45ac119db9bceec2ddcc1c5ef8f");
  }

  @Test
  void hash_ignoresTimestamps() {
    String hash = hash(BASE);
    Resource early = Resource.observed(ACCOUNT, BASE, hash, T0, T0);
    Resource later =
        new Resource(
            early.provider(),
            early.accountId(),
            early.region(),
            early.type(),
            early.resourceId(),
            early.name(),
            early.status(),
            early.rawStatus(),
            early.tags(),
            early.metadata(),
            "stale-hash-field-is-not-an-input",
            T1,
            T1,
            T1,
            T1);

    assertThat(ContentHasher.hash(early)).isEqualTo(hash);
    assertThat(ContentHasher.hash(later)).isEqualTo(hash);
  }

  @Test
  void hash_ignoresTagAndMetadataOrder() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("a", "1");
    forward.put("b", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("b", "2");
    backward.put("a", "1");

    assertThat(hash(with(BASE, forward, backward))).isEqualTo(hash(with(BASE, backward, forward)));
  }

  static Stream<Arguments> fieldChanges() {
    return Stream.of(
        change("region", o -> copy(o, ResourceType.VM, "us-east-2", o.resourceId(), o.name())),
        change("type", o -> copy(o, ResourceType.STORAGE, o.region(), o.resourceId(), o.name())),
        change("resourceId", o -> copy(o, o.type(), o.region(), "i-0abd", o.name())),
        change("name", o -> copy(o, o.type(), o.region(), o.resourceId(), "web-2")),
        change(
            "status",
            o ->
                new ResourceObservation(
                    o.type(),
                    o.region(),
                    o.resourceId(),
                    o.name(),
                    ResourceStatus.STOPPED,
                    o.rawStatus(),
                    o.tags(),
                    o.metadata())),
        change(
            "rawStatus",
            o ->
                new ResourceObservation(
                    o.type(),
                    o.region(),
                    o.resourceId(),
                    o.name(),
                    o.status(),
                    "Running",
                    o.tags(),
                    o.metadata())),
        change("tag value", o -> with(o, Map.of("env", "dev", "team", "core"), o.metadata())),
        change("tag removed", o -> with(o, Map.of("env", "prod"), o.metadata())),
        change("metadata", o -> with(o, o.tags(), Map.of("instanceType", "t3.small"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldChanges")
  void hash_changesWithEveryNormalizedField(
      String field, UnaryOperator<ResourceObservation> change) {
    assertThat(hash(change.apply(BASE))).isNotEqualTo(hash(BASE));
  }

  @Test
  void hash_changesWithTheAccount() {
    assertThat(ContentHasher.hash(AccountKey.parse("aws#123456789013"), BASE))
        .isNotEqualTo(hash(BASE));
    assertThat(ContentHasher.hash(AccountKey.parse("gcp#123456789012"), BASE))
        .isNotEqualTo(hash(BASE));
  }

  @Test
  void hash_cannotBeFooledByMovingCharactersBetweenFields() {
    assertThat(hash(with(BASE, Map.of("a", "bc"), Map.of())))
        .isNotEqualTo(hash(with(BASE, Map.of("ab", "c"), Map.of())));
    assertThat(hash(with(BASE, Map.of("a", ""), Map.of())))
        .isNotEqualTo(hash(with(BASE, Map.of(), Map.of("a", ""))));
    ResourceObservation nameAb =
        new ResourceObservation(
            ResourceType.VM, "r", "i", "ab", ResourceStatus.RUNNING, "", Map.of(), Map.of());
    ResourceObservation nameA =
        new ResourceObservation(
            ResourceType.VM, "r", "i", "a", ResourceStatus.RUNNING, "b", Map.of(), Map.of());
    assertThat(hash(nameAb)).isNotEqualTo(hash(nameA));
  }

  private static Arguments change(String field, UnaryOperator<ResourceObservation> change) {
    return Arguments.of(field, change);
  }

  private static ResourceObservation copy(
      ResourceObservation o, ResourceType type, String region, String id, String name) {
    return new ResourceObservation(
        type, region, id, name, o.status(), o.rawStatus(), o.tags(), o.metadata());
  }

  private static ResourceObservation with(
      ResourceObservation o, Map<String, String> tags, Map<String, String> metadata) {
    return new ResourceObservation(
        o.type(), o.region(), o.resourceId(), o.name(), o.status(), o.rawStatus(), tags, metadata);
  }
}
