package io.cloudledger.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ContentHasher;
import io.cloudledger.core.model.Observations;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortValuesTest {
  private static final Scope US_VM = Scope.of("us-east-1", ResourceType.VM);

  @Test
  void page_whenObservationIsOutsideItsScope_namesBoth() {
    assertThatThrownBy(() -> ResourcePage.of(US_VM, List.of(Observations.vm("eu-west-1", "i-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource vm#eu-west-1#i-1 does not belong to scope us-east-1#vm");
  }

  @Test
  void page_ofAllRegionsScope_acceptsEveryRegionOfItsType() {
    ResourcePage page =
        ResourcePage.of(
            Scope.allRegions(ResourceType.VM),
            List.of(Observations.vm("eu-west-1", "i-1"), Observations.vm("us-east-1", "i-2")));

    assertThat(page.observations()).hasSize(2);
  }

  @Test
  void outcome_failedFromPermanentError_keepsItsCodeAndMessage() {
    ScopeOutcome outcome =
        ScopeOutcome.failed(
            US_VM, new PermanentException("UnauthorizedOperation", "ec2:DescribeInstances denied"));

    assertThat(outcome.status()).isEqualTo(ListingStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo("UnauthorizedOperation: ec2:DescribeInstances denied");
  }

  @Test
  void outcome_thatIsNotComplete_needsAReason() {
    assertThatThrownBy(() -> ScopeOutcome.partial(US_VM, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PARTIAL listing of us-east-1#vm needs a reason");
  }

  @Test
  void changeSet_whenResourceBelongsToAnotherAccount_rejectsIt() {
    AccountKey owner = AccountKey.parse("aws#111111111111");
    ResourceObservation observation = Observations.vm("us-east-1", "i-1");
    Resource resource =
        Resource.observed(
            owner,
            observation,
            ContentHasher.hash(owner, observation),
            Instant.EPOCH,
            Instant.EPOCH);

    assertThatThrownBy(
            () -> ChangeSet.puts(AccountKey.parse("aws#222222222222"), List.of(resource)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "resource vm#us-east-1#i-1 of aws#111111111111 in a change set for aws#222222222222");
  }

  @Test
  void scopeStatus_whenCompleteWithoutLastCompleteAt_isRejected() {
    Instant now = Instant.parse("2026-11-01T00:00:00Z");

    assertThatThrownBy(() -> new ScopeStatus(US_VM, now, ListingStatus.COMPLETE, "", 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
