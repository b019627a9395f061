package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.s3.model.Bucket;

class AwsNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "pending, PENDING",
    "running, RUNNING",
    "stopping, STOPPING",
    "stopped, STOPPED",
    "shutting-down, TERMINATING",
    "terminated, TERMINATED",
    "hibernating, UNKNOWN",
    "'', UNKNOWN"
  })
  void instanceStatus_mapsEc2StateNames(String state, ResourceStatus expected) {
    assertThat(AwsNormalizer.instanceStatus(state)).isEqualTo(expected);
  }

  @Test
  void instanceStatus_withoutState_isUnknown() {
    assertThat(AwsNormalizer.instanceStatus(null)).isEqualTo(ResourceStatus.UNKNOWN);
  }

  @ParameterizedTest
  @CsvSource({"available, AVAILABLE", "pending, PENDING", "failed, UNKNOWN"})
  void networkStatus_mapsVpcAndSubnetStates(String state, ResourceStatus expected) {
    assertThat(AwsNormalizer.networkStatus(state)).isEqualTo(expected);
  }

  @Test
  void instance_takesNameFromTagAndKeepsOnlyNonEmptyMetadata() {
    Instance instance =
        Instance.builder()
            .instanceId("i-0abc")
            .instanceType("t3.micro")
            .state(s -> s.name(InstanceStateName.SHUTTING_DOWN).code(32))
            .privateIpAddress("10.0.1.5")
            .publicIpAddress("")
            .vpcId("vpc-1")
            .subnetId("subnet-1")
            .launchTime(Instant.parse("2025-03-04T05:06:07Z"))
            .placement(p -> p.availabilityZone("eu-west-1b"))
            .tags(tag("Name", "web-1"), tag("env", "prod"))
            .build();

    ResourceObservation observation = AwsNormalizer.instance("eu-west-1", instance);

    assertThat(observation.type()).isEqualTo(ResourceType.VM);
    assertThat(observation.region()).isEqualTo("eu-west-1");
    assertThat(observation.resourceId()).isEqualTo("i-0abc");
    assertThat(observation.name()).isEqualTo("web-1");
    assertThat(observation.status()).isEqualTo(ResourceStatus.TERMINATING);
    assertThat(observation.rawStatus()).isEqualTo("shutting-down");
    assertThat(observation.tags()).isEqualTo(Map.of("Name", "web-1", "env", "prod"));
    assertThat(observation.metadata())
        .isEqualTo(
            Map.of(
                "instanceType", "t3.micro",
                "privateIpAddress", "10.0.1.5",
                "vpcId", "vpc-1",
                "subnetId", "subnet-1",
                "launchTime", "2025-03-04T05:06:07Z",
                "availabilityZone", "eu-west-1b"));
  }

  @Test
  void instance_withoutNameTag_hasEmptyName() {
    Instance instance =
        Instance.builder()
            .instanceId("i-1")
            .state(s -> s.name(InstanceStateName.TERMINATED))
            .tags(tag("env", "dev"))
            .build();

    ResourceObservation observation = AwsNormalizer.instance("us-east-1", instance);

    assertThat(observation.name()).isEmpty();
    assertThat(observation.status()).isEqualTo(ResourceStatus.TERMINATED);
    assertThat(observation.metadata()).isEmpty();
  }

  @Test
  void vpcAndSubnet_carryTheirNetworkMetadata() {
    Vpc vpc =
        Vpc.builder()
            .vpcId("vpc-1")
            .cidrBlock("10.0.0.0/16")
            .isDefault(false)
            .state("available")
            .tags(tag("Name", "main"))
            .build();
    Subnet subnet =
        Subnet.builder()
            .subnetId("subnet-1")
            .vpcId("vpc-1")
            .cidrBlock("10.0.1.0/24")
            .availabilityZone("us-east-1a")
            .state("pending")
            .build();

    ResourceObservation network = AwsNormalizer.vpc("us-east-1", vpc);
    ResourceObservation sub = AwsNormalizer.subnet("us-east-1", subnet);

    assertThat(network.type()).isEqualTo(ResourceType.NETWORK);
    assertThat(network.name()).isEqualTo("main");
    assertThat(network.status()).isEqualTo(ResourceStatus.AVAILABLE);
    assertThat(network.metadata())
        .isEqualTo(Map.of("cidrBlock", "10.0.0.0/16", "isDefault", "false"));
    assertThat(sub.type()).isEqualTo(ResourceType.SUBNET);
    assertThat(sub.name()).isEmpty();
    assertThat(sub.status()).isEqualTo(ResourceStatus.PENDING);
    assertThat(sub.rawStatus()).isEqualTo("pending");
    assertThat(sub.metadata())
        .isEqualTo(
            Map.of("vpcId", "vpc-1", "cidrBlock", "10.0.1.0/24", "availabilityZone", "us-east-1a"));
  }

  @Test
  void bucket_isNamedAfterItselfAndLivesInItsReportedRegion() {
    Bucket bucket =
        Bucket.builder()
            .name("acme-logs")
            .creationDate(Instant.parse("2024-01-02T03:04:05.678Z"))
            .bucketRegion("eu-central-1")
            .build();

    ResourceObservation observation = AwsNormalizer.bucket(bucket.bucketRegion(), bucket);

    assertThat(observation.type()).isEqualTo(ResourceType.STORAGE);
    assertThat(observation.region()).isEqualTo("eu-central-1");
    assertThat(observation.name()).isEqualTo("acme-logs");
    assertThat(observation.status()).isEqualTo(ResourceStatus.AVAILABLE);
    assertThat(observation.metadata())
        .isEqualTo(Map.of("creationDate", "2024-01-02T03:04:05.678Z"));
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
