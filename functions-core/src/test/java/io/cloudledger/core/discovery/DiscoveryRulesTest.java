package io.cloudledger.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.config.DiscoveryRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryRulesTest {
  static final List<String> PROD = List.of("r-root", "ou-root-workloads", "ou-root-prod");
  static final List<String> SANDBOX = List.of("r-root", "ou-root-sandbox");

  @Test
  void none_selectsEverything() {
    assertThat(DiscoveryRules.none().selects("111111111111", PROD)).isTrue();
  }

  @Test
  void includeGroup_selectsAccountsBelowItAtAnyDepth() {
    DiscoveryRules rules =
        new DiscoveryRules(List.of("ou-root-workloads"), List.of(), List.of(), List.of());

    assertThat(rules.selects("111111111111", PROD)).isTrue();
    assertThat(rules.selects("222222222222", SANDBOX)).isFalse();
  }

  @Test
  void skipGroup_winsOverIncludeOfAGroupAboveIt() {
    DiscoveryRules rules =
        new DiscoveryRules(
            List.of("ou-root-workloads"), List.of("ou-root-prod"), List.of(), List.of());

    assertThat(rules.selects("111111111111", PROD)).isFalse();
    assertThat(rules.skipsGroup("ou-root-prod")).isTrue();
  }

  @Test
  void includeAccount_alongsideGroups_addsThatAccount() {
    DiscoveryRules rules =
        new DiscoveryRules(
            List.of("ou-root-workloads"), List.of(), List.of("222222222222"), List.of());

    assertThat(rules.selects("222222222222", SANDBOX)).isTrue();
    assertThat(rules.selects("333333333333", SANDBOX)).isFalse();
  }

  @Test
  void skipAccount_winsOverEverything() {
    DiscoveryRules rules =
        new DiscoveryRules(List.of(), List.of(), List.of("111111111111"), List.of("111111111111"));

    assertThat(rules.selects("111111111111", PROD)).isFalse();
  }
}
