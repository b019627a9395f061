package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Injected faults as the real SDK clients (standard retry strategy) experience them. */
class FaultInjectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Sandbox sandbox;
  private static String management;
  private static Ec2Client ec2;
  private static StsClient sts;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(2).withResourcesPerAccount(100));
    management = sandbox.estate().managementAccount().accountId();
    ec2 = SdkClients.ec2(sandbox, SdkClients.management(sandbox), "us-east-1");
    sts = SdkClients.sts(sandbox, SdkClients.management(sandbox));
    s3 = SdkClients.s3(sandbox, SdkClients.management(sandbox));
  }

  @AfterAll
  static void stop() {
    ec2.close();
    sts.close();
    s3.close();
    sandbox.close();
  }

  @BeforeEach
  void resetCounters() {
    sandbox.counters().reset();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static void inject(String spec) {
    sandbox.faults().replace(FaultPlan.parse(spec));
  }

  @Test
  void ec2RequestLimitExceeded_isRetriedByTheSdk_andTheCallSucceeds() {
    inject("DescribeInstances@" + management + ":throttle=first2");

    assertThat(ec2.describeInstances().reservations()).isNotEmpty();
    assertThat(sandbox.counters().calls("DescribeInstances", management)).isEqualTo(3);
    assertThat(sandbox.counters().injectedFaults("DescribeInstances")).isEqualTo(2);
  }

  @Test
  void stsThrottling_isRetriedByTheSdk_andTheCallSucceeds() {
    inject("GetCallerIdentity:throttle=first2");

    assertThat(sts.getCallerIdentity().account()).isEqualTo(management);
    assertThat(sandbox.counters().calls("GetCallerIdentity", management)).isEqualTo(3);
    assertThat(sandbox.counters().injectedFaults("GetCallerIdentity")).isEqualTo(2);
  }

  @Test
  void s3SlowDown_isRetriedByTheSdk_andTheCallSucceeds() {
    inject("ListBuckets:throttle=first2");

    assertThat(s3.listBuckets().buckets()).isNotEmpty();
    assertThat(sandbox.counters().calls("ListBuckets", management)).isEqualTo(3);
    assertThat(sandbox.counters().injectedFaults("ListBuckets")).isEqualTo(2);
  }

  @Test
  void serverErrorsBeyondTheRetryBudget_surfaceAsEachSdksOwnExceptionType() {
    inject("*:error5xx=1");

    assertThatThrownBy(ec2::describeVpcs)
        .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThatThrownBy(sts::getCallerIdentity)
        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThatThrownBy(s3::listBuckets)
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    // The standard strategy makes 3 attempts before giving up.
    assertThat(sandbox.counters().calls("DescribeVpcs", management)).isEqualTo(3);
    assertThat(sandbox.counters().calls("ListBuckets", management)).isEqualTo(3);
  }

  @Test
  void failAfterPage_cutsAPagedListingShort() {
    inject("DescribeInstances:failAfterPage=2");
    java.util.List<String> seen = new java.util.ArrayList<>();

    assertThatThrownBy(
            () ->
                ec2.describeInstancesPaginator(r -> r.maxResults(5))
                    .reservations()
                    .forEach(r -> r.instances().forEach(i -> seen.add(i.instanceId()))))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThat(seen).hasSize(10);
  }

  @Test
  void deny_forOneRegion_isUnauthorizedOperation_whileOtherRegionsServe() {
    inject("DescribeInstances@*/eu-west-1:deny");

    try (Ec2Client euWest = SdkClients.ec2(sandbox, SdkClients.management(sandbox), "eu-west-1")) {
      assertThatThrownBy(euWest::describeInstances)
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
              });
    }
    assertThat(ec2.describeInstances().reservations()).isNotEmpty();
  }

  @Test
  void faultForOneAccount_leavesOtherAccountsAlone() {
    String member = sandbox.estate().accounts().get(1).accountId();
    inject("*@" + member + ":error5xx=1");

    assertThat(ec2.describeRegions().regions()).isNotEmpty();
    assertThat(sandbox.counters().injectedFaults("DescribeRegions")).isZero();
  }

  @Test
  void latency_delaysTheResponse() {
    inject("DescribeVpcs:latency=150");

    long start = System.nanoTime();
    ec2.describeVpcs();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isGreaterThanOrEqualTo(150);
  }

  @Test
  void adminEndpoint_replacesFaults_readsAndResetsCounters() throws Exception {
    var admin = sandbox.endpoints().admin();
    HttpResponse<String> set =
        RawAws.post(admin.resolve("faults"), "DescribeSubnets:throttle=first1;*:latency=1");
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(set.body()).get("spec").asText())
        .isEqualTo("DescribeSubnets:throttle=first1;*:latency=1");

    ec2.describeSubnets();

    JsonNode counters = JSON.readTree(RawAws.get(admin.resolve("counters"), "").body());
    assertThat(counters.get("totalCalls").asLong()).isEqualTo(2);
    assertThat(counters.get("counts").get(0).get("operation").asText())
        .isEqualTo("DescribeSubnets");
    assertThat(counters.get("counts").get(0).get("injectedFaults").asLong()).isEqualTo(1);

    RawAws.post(admin.resolve("counters/reset"), "");
    assertThat(sandbox.counters().totalCalls()).isZero();
  }

  @Test
  void adminEndpoint_rejectsABadSpec_namingThePart() throws Exception {
    HttpResponse<String> response =
        RawAws.post(
            sandbox.endpoints().admin().resolve("faults"), "{\"spec\":\"*:throttle=lots\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("throttle=lots");
  }

  @Test
  void adminEndpoint_advancesTheEstate_andReportsTheChange() throws Exception {
    int before = sandbox.estate().generation();
    HttpResponse<String> response =
        RawAws.post(sandbox.endpoints().admin().resolve("advance?fraction=0.1"), "");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode change = JSON.readTree(response.body());
    assertThat(change.get("generation").asInt()).isEqualTo(before + 1);
    assertThat(change.get("created").size()).isPositive();
    assertThat(change.get("deleted").size()).isPositive();
    assertThat(change.get("modified").size()).isPositive();
  }

  @Test
  void limitPerSecond_answersEc2sOwnThrottlingBeyondN_andCountsCallsPerSecond() {
    inject("DescribeRegions@" + management + ":limit=3/s");
    long second = System.currentTimeMillis() / 1000;
    int throttled = 0;
    try (Ec2Client once =
        Ec2Client.builder()
            .endpointOverride(sandbox.endpoints().aws())
            .region(Region.US_EAST_1)
            .credentialsProvider(SdkClients.management(sandbox))
            .httpClient(SdkClients.HTTP)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      for (int i = 0; i < 6; i++) {
        try {
          once.describeRegions();
        } catch (Ec2Exception e) {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
          throttled++;
        }
      }
    }

    if (System.currentTimeMillis() / 1000 == second) {
      assertThat(throttled).isEqualTo(3);
      assertThat(sandbox.counters().callsPerSecond(management)).containsEntry(second, 6L);
    }
    assertThat(sandbox.counters().peakCallsPerSecond(management)).isBetween(3L, 6L);
    assertThat(sandbox.counters().calls("DescribeRegions", management)).isEqualTo(6);
  }
}
