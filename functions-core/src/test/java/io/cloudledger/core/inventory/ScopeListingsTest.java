package io.cloudledger.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.Observations;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScopeListingsTest {
  private static final List<Scope> SCOPES =
      List.of(
          Scope.of("us-east-1", ResourceType.VM),
          Scope.of("us-west-2", ResourceType.VM),
          Scope.of("eu-west-1", ResourceType.VM),
          Scope.of("ap-south-1", ResourceType.VM));

  private static ScopeOutcome listTwoPages(Scope scope, PageSink sink) {
    sink.accept(ResourcePage.of(scope, List.of(Observations.vm(scope.region(), "i-1"))));
    sink.accept(ResourcePage.of(scope, List.of(Observations.vm(scope.region(), "i-2"))));
    return ScopeOutcome.complete(scope);
  }

  @Test
  void listAll_returnsOutcomesInScopeOrderAndDeliversEveryPage() {
    List<ResourcePage> pages = Collections.synchronizedList(new ArrayList<>());

    List<ScopeOutcome> outcomes =
        ScopeListings.listAll(SCOPES, 3, ScopeListingsTest::listTwoPages, pages::add);

    assertThat(outcomes).extracting(ScopeOutcome::scope).containsExactlyElementsOf(SCOPES);
    assertThat(outcomes).allMatch(ScopeOutcome::complete);
    assertThat(pages).hasSize(8);
  }

  @Test
  void listAll_runsScopesConcurrentlyButNeverMoreThanParallelism() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch twoStarted = new CountDownLatch(2);

    ScopeListings.listAll(
        SCOPES,
        2,
        (scope, sink) -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          twoStarted.countDown();
          try {
            // Each listing waits until two run at once, which proves they overlap.
            assertThat(twoStarted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          return ScopeOutcome.complete(scope);
        },
        page -> {});

    assertThat(peak.get()).isEqualTo(2);
  }

  @Test
  void listAll_whenOneScopeThrowsCoreError_failsOnlyThatScope() {
    Scope denied = SCOPES.get(1);
    Scope throttled = SCOPES.get(2);

    List<ScopeOutcome> outcomes =
        ScopeListings.listAll(
            SCOPES,
            4,
            (scope, sink) -> {
              if (scope.equals(denied)) {
                throw new PermanentException("UnauthorizedOperation", "region opted out");
              }
              if (scope.equals(throttled)) {
                throw new RetryableException("throttled", "RequestLimitExceeded after 5 tries");
              }
              return listTwoPages(scope, sink);
            },
            page -> {});

    assertThat(outcomes)
        .containsExactly(
            ScopeOutcome.complete(SCOPES.get(0)),
            ScopeOutcome.failed(denied, "UnauthorizedOperation: region opted out"),
            ScopeOutcome.failed(throttled, "throttled: RequestLimitExceeded after 5 tries"),
            ScopeOutcome.complete(SCOPES.get(3)));
  }

  @Test
  void listAll_whenSinkFails_propagatesInsteadOfFailingTheScope() {
    RetryableException storeDown = new RetryableException("throttled", "store throttled");
    AtomicInteger accepted = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ScopeListings.listAll(
                    SCOPES,
                    2,
                    ScopeListingsTest::listTwoPages,
                    page -> {
                      if (accepted.incrementAndGet() == 3) {
                        throw storeDown;
                      }
                    }))
        .isSameAs(storeDown);
  }

  @Test
  void listAll_whenListerWrapsTheSinkFailure_propagatesTheOriginal() {
    RetryableException storeDown = new RetryableException("throttled", "store throttled");

    assertThatThrownBy(
            () ->
                ScopeListings.listAll(
                    SCOPES.subList(0, 1),
                    1,
                    (scope, sink) -> {
                      try {
                        return listTwoPages(scope, sink);
                      } catch (RuntimeException e) {
                        throw new PermanentException("listing-failed", "wrapped", e);
                      }
                    },
                    page -> {
                      throw storeDown;
                    }))
        .isSameAs(storeDown);
  }

  @Test
  void listAll_whenListerHasABug_propagatesIt() {
    assertThatThrownBy(
            () ->
                ScopeListings.listAll(
                    SCOPES,
                    2,
                    (scope, sink) -> {
                      throw new NullPointerException("bug in mapping");
                    },
                    page -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bug in mapping");
  }

  @Test
  void listAll_whenListerReportsAnotherScope_refusesIt() {
    assertThatThrownBy(
            () ->
                ScopeListings.listAll(
                    SCOPES.subList(0, 1),
                    1,
                    (scope, sink) -> ScopeOutcome.complete(SCOPES.get(3)),
                    page -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("for another scope");
  }
}
