package io.cloudledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceKeyTest {

  @Test
  void value_isTypeRegionAndId() {
    assertThat(ResourceKey.of(ResourceType.VM, "us-east-1", "i-0abc").value())
        .isEqualTo("vm#us-east-1#i-0abc");
  }

  @Test
  void parse_keepsSeparatorsInsideTheId() {
    ResourceKey key = ResourceKey.parse("storage#global#odd#name");

    assertThat(key).isEqualTo(ResourceKey.of(ResourceType.STORAGE, "global", "odd#name"));
    assertThat(key.value()).isEqualTo("storage#global#odd#name");
  }

  @Test
  void parse_whenPartsMissing_explainsTheFormat() {
    assertThatThrownBy(() -> ResourceKey.parse("vm#i-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid resource key 'vm#i-1', expected <type>#<region>#<resourceId>");
  }

  @Test
  void create_whenRegionIsTheWildcard_asksForAConcreteRegion() {
    assertThatThrownBy(() -> ResourceKey.of(ResourceType.VM, "*", "i-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use 'global'");
  }

  @Test
  void scope_coversOnlyItsRegionAndType_andAllRegionsCoversEveryRegion() {
    ResourceKey key = ResourceKey.of(ResourceType.VM, "eu-west-1", "i-1");

    assertThat(Scope.of("eu-west-1", ResourceType.VM).covers(key)).isTrue();
    assertThat(Scope.of("us-east-1", ResourceType.VM).covers(key)).isFalse();
    assertThat(Scope.of("eu-west-1", ResourceType.SUBNET).covers(key)).isFalse();
    assertThat(Scope.allRegions(ResourceType.VM).covers(key)).isTrue();
    assertThat(key.scope()).isEqualTo(Scope.of("eu-west-1", ResourceType.VM));
  }

  @Test
  void parse_whenTypeUnknown_listsTheKnownTypes() {
    assertThatThrownBy(() -> ResourceKey.parse("db#us-east-1#x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown resource type 'db', expected one of vm, storage, network, subnet");
  }
}
