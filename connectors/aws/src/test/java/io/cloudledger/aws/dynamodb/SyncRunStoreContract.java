package io.cloudledger.aws.dynamodb;

import static io.cloudledger.aws.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.SyncCounts;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncRunStore;
import io.cloudledger.core.sync.SyncStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SyncRunStore} must do, run against the in-memory one and DynamoDB. */
abstract class SyncRunStoreContract {
  static final AccountKey AWS = AccountKey.parse("aws#123456789012");
  static final AccountKey AZURE = AccountKey.parse("azure#3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  static final AccountKey GCP = AccountKey.parse("gcp#demo");

  SyncRunStore runs;

  abstract SyncRunStore newStore();

  @BeforeEach
  void createStore() {
    runs = newStore();
  }

  static SyncRun run(String requestId, AccountKey account, SyncStatus status) {
    return new SyncRun(
        requestId,
        account,
        "manual",
        Set.of(ResourceType.VM, ResourceType.NETWORK),
        T0,
        T0.plusSeconds(9),
        status,
        new SyncCounts(10, 2, 1, 7, 1, 0),
        status == SyncStatus.PARTIAL
            ? List.of(ScopeOutcome.failed(Scope.of("westeurope", ResourceType.VM), "429"))
            : List.of(),
        12,
        status == SyncStatus.FAILED ? "throttled: too many requests" : "");
  }

  @Test
  void find_returnsTheSavedRun_andEmptyForOthers() {
    SyncRun partial = run("req-1", AZURE, SyncStatus.PARTIAL);

    runs.save(partial);

    assertThat(runs.find("req-1", AZURE)).contains(partial);
    assertThat(runs.find("req-1", AWS)).isEmpty();
    assertThat(runs.find("req-2", AZURE)).isEmpty();
  }

  @Test
  void save_sameRequestAndAccountAgain_replacesTheRun() {
    runs.save(run("req-1", AWS, SyncStatus.FAILED));
    SyncRun retried = run("req-1", AWS, SyncStatus.SUCCEEDED);

    runs.save(retried);

    assertThat(runs.findByRequestId("req-1")).containsExactly(retried);
  }

  @Test
  void findByRequestId_returnsEveryAccountOfTheRequestInAccountKeyOrder() {
    SyncRun gcp = run("req-1", GCP, SyncStatus.SUCCEEDED);
    SyncRun aws = run("req-1", AWS, SyncStatus.SUCCEEDED);
    SyncRun azure = run("req-1", AZURE, SyncStatus.PARTIAL);
    runs.save(gcp);
    runs.save(aws);
    runs.save(azure);
    runs.save(run("req-10", AWS, SyncStatus.SUCCEEDED));

    assertThat(runs.findByRequestId("req-1")).containsExactly(aws, azure, gcp);
    assertThat(runs.findByRequestId("unknown")).isEmpty();
  }
}
