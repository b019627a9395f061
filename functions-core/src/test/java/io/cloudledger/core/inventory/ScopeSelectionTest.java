package io.cloudledger.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.Observations;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Work units at the scope level: selecting scopes and deferring those a deadline cuts off. */
class ScopeSelectionTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final List<Scope> SCOPES =
      List.of(
          Scope.of("eu-west-1", ResourceType.VM),
          Scope.of("us-east-1", ResourceType.VM),
          Scope.of("us-west-2", ResourceType.VM));

  private static ScopeOutcome listOnePage(Scope scope, PageSink sink) {
    sink.accept(ResourcePage.of(scope, List.of(Observations.vm(scope.region(), "i-1"))));
    return ScopeOutcome.complete(scope);
  }

  @Test
  void listSelected_withoutDeadline_listsOnlyTheSelectedScopes() {
    List<ResourcePage> pages = Collections.synchronizedList(new ArrayList<>());
    ScopeSelection only = new ScopeSelection(Set.of(SCOPES.get(1)), Instant.MAX);

    ScopeListings.Listed listed =
        ScopeListings.listSelected(
            SCOPES, 2, ScopeSelectionTest::listOnePage, pages::add, only, new MutableClock(NOW));

    assertThat(listed.outcomes()).extracting(ScopeOutcome::scope).containsExactly(SCOPES.get(1));
    assertThat(listed.deferred()).isEmpty();
    assertThat(pages).hasSize(1);
  }

  @Test
  void listSelected_afterTheDeadline_listsOneScopeAndDefersTheRest() {
    MutableClock clock = new MutableClock(NOW);
    ScopeSelection expired = new ScopeSelection(Set.of(), NOW.minus(Duration.ofSeconds(1)));

    ScopeListings.Listed listed =
        ScopeListings.listSelected(
            SCOPES, 1, ScopeSelectionTest::listOnePage, page -> {}, expired, clock);

    // One scope always runs, so every part of a sync makes progress.
    assertThat(listed.outcomes()).hasSize(1).allMatch(ScopeOutcome::complete);
    assertThat(listed.deferred()).hasSize(2).doesNotContain(listed.outcomes().getFirst().scope());
  }

  @Test
  void listSelected_whenTheDeadlinePassesMidway_defersTheScopesNotStarted() {
    MutableClock clock = new MutableClock(NOW);
    ScopeSelection selection = new ScopeSelection(Set.of(), NOW.plusSeconds(5));
    ScopeLister slow =
        (scope, sink) -> {
          clock.advance(Duration.ofSeconds(3));
          return listOnePage(scope, sink);
        };

    ScopeListings.Listed listed =
        ScopeListings.listSelected(SCOPES, 1, slow, page -> {}, selection, clock);

    // Which scopes win the one permit first is up to the scheduler: two are listed (the second
    // starts at +3 s, before the deadline; the third would start at +6 s) and the other deferred.
    List<Scope> started = listed.outcomes().stream().map(ScopeOutcome::scope).toList();
    assertThat(started).hasSize(2).doesNotHaveDuplicates();
    assertThat(listed.deferred()).hasSize(1).doesNotContainAnyElementsOf(started);
    assertThat(Stream.concat(started.stream(), listed.deferred().stream()))
        .containsExactlyInAnyOrderElementsOf(SCOPES);
  }
}
