package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.DailyCost;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.sts.StsClient;

/** Cost Explorer's GetCostAndUsage through the real SDK client (JSON 1.1, SigV4 service ce). */
class CostExplorerConformanceTest {
  static Sandbox sandbox;
  static final LocalDate START = LocalDate.of(2026, 2, 1);
  static final LocalDate END = LocalDate.of(2026, 2, 11);

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(3));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
    sandbox.counters().reset();
  }

  static CostExplorerClient client(AwsCredentialsProvider credentials, String region) {
    return CostExplorerClient.builder()
        .endpointOverride(sandbox.endpoints().aws())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(SdkClients.HTTP)
        .overrideConfiguration(
            c ->
                c.retryStrategy(
                    SdkClients.standardRetries().toBuilder()
                        .retryOnExceptionOrCause(LimitExceededException.class)
                        .build()))
        .build();
  }

  static GetCostAndUsageRequest request(LocalDate start, LocalDate end, String... groupBy) {
    return GetCostAndUsageRequest.builder()
        .timePeriod(t -> t.start(start.toString()).end(end.toString()))
        .granularity(Granularity.DAILY)
        .metrics("UnblendedCost")
        .groupBy(
            java.util.Arrays.stream(groupBy)
                .map(
                    k ->
                        software.amazon.awssdk.services.costexplorer.model.GroupDefinition.builder()
                            .type(GroupDefinitionType.DIMENSION)
                            .key(k)
                            .build())
                .toList())
        .build();
  }

  /** Every page of the request, as (day, keys..., amount) lines. */
  static List<String> allGroups(CostExplorerClient ce, GetCostAndUsageRequest request) {
    List<String> lines = new ArrayList<>();
    String token = null;
    do {
      GetCostAndUsageResponse page =
          ce.getCostAndUsage(request.toBuilder().nextPageToken(token).build());
      for (ResultByTime result : page.resultsByTime()) {
        for (Group group : result.groups()) {
          var cost = group.metrics().get("UnblendedCost");
          assertThat(cost.amount()).matches("\\d+\\.\\d{10}");
          assertThat(cost.unit()).isEqualTo("USD");
          lines.add(
              result.timePeriod().start()
                  + "|"
                  + String.join("|", group.keys())
                  + "|"
                  + new BigDecimal(cost.amount()).stripTrailingZeros().toPlainString());
        }
      }
      token = page.nextPageToken();
    } while (token != null);
    return lines;
  }

  static List<String> expected(List<DailyCost> costs) {
    return costs.stream()
        .map(
            c ->
                c.date()
                    + "|"
                    + c.service()
                    + "|"
                    + c.accountId()
                    + "|"
                    + c.amount().stripTrailingZeros().toPlainString())
        .toList();
  }

  @Test
  void getCostAndUsage_pagesEveryGeneratedCostOnce_withServiceThenAccountKeys() {
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      List<String> lines = allGroups(ce, request(START, END, "SERVICE", "LINKED_ACCOUNT"));
      List<DailyCost> generated = sandbox.estate().costs().costs(START, END);
      assertThat(lines).containsExactlyElementsOf(expected(generated));
      long pages = (generated.size() + 99) / 100;
      assertThat(pages).isGreaterThan(1);
      assertThat(sandbox.counters().calls("GetCostAndUsage")).isEqualTo(pages);
    }
  }

  @Test
  void getCostAndUsage_keysFollowTheGroupByOrder() {
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      List<String> lines =
          allGroups(ce, request(START, START.plusDays(1), "LINKED_ACCOUNT", "SERVICE"));
      String management = sandbox.estate().managementAccount().accountId();
      assertThat(lines.get(0))
          .startsWith(START + "|" + management + "|Amazon Elastic Compute Cloud - Compute|");
    }
  }

  @Test
  void getCostAndUsage_byServiceOnly_sumsOverAccounts() {
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      List<String> lines = allGroups(ce, request(START, START.plusDays(1), "SERVICE"));
      BigDecimal ec2 =
          sandbox.estate().costs().costs(START, START.plusDays(1)).stream()
              .filter(c -> c.service().equals("Amazon Elastic Compute Cloud - Compute"))
              .map(DailyCost::amount)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(lines)
          .contains(
              START
                  + "|Amazon Elastic Compute Cloud - Compute|"
                  + ec2.stripTrailingZeros().toPlainString());
    }
  }

  @Test
  void getCostAndUsage_asAMemberAccount_seesOnlyItself() {
    AwsAccount member = sandbox.estate().accounts().get(1);
    try (StsClient sts = SdkClients.sts(sandbox, SdkClients.management(sandbox));
        var role =
            SdkClients.assumeRole(sts, member.roleArn(), member.requiredExternalId().orElse(""));
        CostExplorerClient ce = client(role, "us-east-1")) {
      List<String> lines =
          allGroups(ce, request(START, START.plusDays(2), "SERVICE", "LINKED_ACCOUNT"));
      assertThat(lines).isNotEmpty().allMatch(l -> l.split("\\|")[2].equals(member.accountId()));
    }
  }

  @Test
  void getCostAndUsage_whenThrottledTwice_isRetriedAndCompletes() {
    sandbox.faults().replace(FaultPlan.parse("GetCostAndUsage:throttle=first2"));
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      List<String> lines =
          allGroups(ce, request(START, START.plusDays(1), "SERVICE", "LINKED_ACCOUNT"));
      assertThat(lines).hasSize(sandbox.estate().costs().costs(START, START.plusDays(1)).size());
      assertThat(sandbox.counters().injectedFaults("GetCostAndUsage")).isEqualTo(2);
    }
  }

  @Test
  void getCostAndUsage_whenThrottledBeyondRetries_isLimitExceeded() {
    sandbox.faults().replace(FaultPlan.parse("GetCostAndUsage:throttle=1"));
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      assertThatThrownBy(() -> ce.getCostAndUsage(request(START, END, "SERVICE")))
          .isInstanceOf(LimitExceededException.class);
    }
  }

  @Test
  void getCostAndUsage_beyondFourteenMonths_isDataUnavailable() {
    LocalDate longAgo = LocalDate.now(ZoneOffset.UTC).minusMonths(20);
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      assertThatThrownBy(() -> ce.getCostAndUsage(request(longAgo, longAgo.plusDays(1), "SERVICE")))
          .isInstanceOf(DataUnavailableException.class);
    }
  }

  @Test
  void getCostAndUsage_recentDaysAreEstimated_olderAreFinal() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "us-east-1")) {
      GetCostAndUsageResponse response =
          ce.getCostAndUsage(request(today.minusDays(5), today.plusDays(1)));
      assertThat(response.resultsByTime())
          .extracting(ResultByTime::estimated)
          .containsExactly(false, false, false, true, true, true);
      assertThat(response.resultsByTime().get(0).total().get("UnblendedCost").amount())
          .matches("\\d+\\.\\d{10}");
    }
  }

  @Test
  void getCostAndUsage_outsideUsEast1_isRejected() {
    try (CostExplorerClient ce = client(SdkClients.management(sandbox), "eu-west-1")) {
      assertThatThrownBy(() -> ce.getCostAndUsage(request(START, END, "SERVICE")))
          .isInstanceOf(CostExplorerException.class)
          .hasMessageContaining("us-east-1");
    }
  }

  @Test
  void revise_changesEveryAmountOfTheRevisedDaysOnly() {
    LocalDate day = LocalDate.of(2025, 12, 30);
    var ledger = sandbox.estate().costs();
    List<DailyCost> before = ledger.costs(day.minusDays(1), day.plusDays(1));
    ledger.revise(List.of(day));
    List<DailyCost> after = ledger.costs(day.minusDays(1), day.plusDays(1));
    for (int i = 0; i < before.size(); i++) {
      boolean revised = before.get(i).date().equals(day);
      assertThat(after.get(i).amount().compareTo(before.get(i).amount()) != 0).isEqualTo(revised);
    }
  }

  @Test
  void ledger_isDeterministicPerSeed_andCoversAnyDate() {
    var other = Sandbox.start(SandboxOptions.defaults().withAccounts(3));
    try (other) {
      LocalDate far = LocalDate.of(2031, 7, 4);
      assertThat(other.estate().costs().costs(far, far.plusDays(2)))
          .isEqualTo(sandbox.estate().costs().costs(far, far.plusDays(2)))
          .isNotEmpty();
    }
  }
}
