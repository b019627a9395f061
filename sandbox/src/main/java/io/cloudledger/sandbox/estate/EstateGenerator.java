package io.cloudledger.sandbox.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds one account of the estate from the seed and the account's index only. */
final class EstateGenerator {
  static final String ROLE_NAME = "cloudledger-reader";

  static final List<String> INSTANCE_TYPES =
      List.of(
          "t3.micro",
          "t3.small",
          "t3.medium",
          "t4g.small",
          "m5.large",
          "m5.xlarge",
          "m6i.large",
          "c5.large",
          "r5.large");
  private static final List<String> NAME_PREFIXES =
      List.of("web", "api", "worker", "db", "cache", "batch", "bastion");
  private static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");
  private static final List<String> TEAMS = List.of("platform", "payments", "data", "search");
  private static final List<String> BUCKET_PURPOSES =
      List.of("logs", "assets", "backups", "reports", "artifacts", "exports");
  private static final Duration TWO_YEARS = Duration.ofDays(730);

  private EstateGenerator() {}

  static AwsAccount account(EstateSpec spec, int index) {
    RandomIds ids = RandomIds.forAccount(spec.seed(), index, 0);
    String accountId = ids.accountId();
    // Every third account (from the second) demands an ExternalId, as member roles often do.
    String externalId = index % 3 == 1 ? "cl-ext-" + ids.hex(16) : "";
    List<String> enabled = enabledRegions(ids);
    List<String> active = activeRegions(ids, enabled);

    List<Vpc> vpcs = new ArrayList<>();
    for (int v = 0; v < spec.vpcCount(); v++) {
      String region = active.get(v % active.size());
      vpcs.add(
          new Vpc(
              ids.awsId("vpc"),
              region,
              "10." + (v % 256) + ".0.0/16",
              v < active.size(),
              resourceTags(ids, "vpc", 0.8)));
    }
    List<Subnet> subnets = new ArrayList<>();
    for (int s = 0; s < spec.subnetCount(); s++) {
      int v = s % vpcs.size();
      Vpc vpc = vpcs.get(v);
      int third = (s / vpcs.size()) % 256;
      subnets.add(
          new Subnet(
              ids.awsId("subnet"),
              vpc.vpcId(),
              vpc.region(),
              vpc.region() + "abc".charAt(ids.nextInt(3)),
              "10." + (v % 256) + "." + third + ".0/24",
              200 + ids.nextInt(51),
              resourceTags(ids, "subnet", 0.7)));
    }
    List<Ec2Instance> instances = new ArrayList<>();
    Ec2Instance previous = null;
    for (int i = 0; i < spec.instanceCount(); i++) {
      // Some instances share a reservation (launched together) with the one before them.
      previous =
          previous != null && ids.chance(0.25)
              ? sibling(ids, previous)
              : newInstance(ids, ids.pick(subnets), RandomIds.EPOCH, false);
      instances.add(previous);
    }
    List<Bucket> buckets = new ArrayList<>();
    for (int b = 0; b < spec.bucketCount(); b++) {
      buckets.add(newBucket(ids, accountId, active, RandomIds.EPOCH));
    }
    return new AwsAccount(
        index, accountId, ROLE_NAME, externalId, enabled, instances, vpcs, subnets, buckets);
  }

  private static List<String> enabledRegions(RandomIds ids) {
    List<String> enabled = new ArrayList<>();
    for (AwsRegion region : AwsRegion.ALL) {
      if (!region.optInRequired() || ids.chance(0.25)) {
        enabled.add(region.name());
      }
    }
    return enabled;
  }

  /** The regions holding resources: always us-east-1, plus up to three other enabled ones. */
  private static List<String> activeRegions(RandomIds ids, List<String> enabled) {
    List<String> active = new ArrayList<>(List.of("us-east-1"));
    int extra = ids.nextInt(4);
    for (int attempt = 0; attempt < 16 && active.size() < 1 + extra; attempt++) {
      String candidate = ids.pick(enabled);
      if (!active.contains(candidate)) {
        active.add(candidate);
      }
    }
    return active;
  }

  static Ec2Instance newInstance(RandomIds ids, Subnet subnet, Instant before, boolean fresh) {
    InstanceState state =
        fresh
            ? (ids.chance(0.5) ? InstanceState.PENDING : InstanceState.RUNNING)
            : initialState(ids);
    String privateIp = privateIp(ids, subnet);
    String publicIp = state == InstanceState.RUNNING && ids.chance(0.5) ? ids.publicIp() : "";
    boolean terminated = state == InstanceState.TERMINATED;
    return new Ec2Instance(
        ids.awsId("i"),
        ids.awsId("r"),
        subnet.region(),
        subnet.availabilityZone(),
        terminated ? "" : subnet.vpcId(),
        terminated ? "" : subnet.subnetId(),
        "ami-" + ids.hex(17),
        ids.pick(INSTANCE_TYPES),
        state,
        reasonFor(state),
        fresh ? before.minusSeconds(1 + ids.nextInt(3600)) : ids.before(before, TWO_YEARS),
        terminated ? "" : privateIp,
        publicIp,
        instanceTags(ids));
  }

  private static Ec2Instance sibling(RandomIds ids, Ec2Instance first) {
    String privateIp = first.privateIp().isEmpty() ? "" : bumpLastOctet(first.privateIp());
    String publicIp =
        first.state() == InstanceState.RUNNING && ids.chance(0.5) ? ids.publicIp() : "";
    return new Ec2Instance(
        ids.awsId("i"),
        first.reservationId(),
        first.region(),
        first.availabilityZone(),
        first.vpcId(),
        first.subnetId(),
        first.imageId(),
        first.instanceType(),
        first.state(),
        first.stateTransitionReason(),
        first.launchTime(),
        privateIp,
        publicIp,
        instanceTags(ids));
  }

  static Bucket newBucket(RandomIds ids, String accountId, List<String> regions, Instant before) {
    // Most buckets live in us-east-1; the others show that BucketRegion matters.
    String region = ids.chance(0.6) ? "us-east-1" : ids.pick(regions);
    String name = ids.pick(BUCKET_PURPOSES) + "-" + accountId + "-" + ids.hex(8);
    return new Bucket(name, region, ids.before(before, TWO_YEARS));
  }

  private static InstanceState initialState(RandomIds ids) {
    int roll = ids.nextInt(100);
    if (roll < 60) {
      return InstanceState.RUNNING;
    } else if (roll < 80) {
      return InstanceState.STOPPED;
    } else if (roll < 85) {
      return InstanceState.PENDING;
    } else if (roll < 88) {
      return InstanceState.STOPPING;
    } else if (roll < 90) {
      return InstanceState.SHUTTING_DOWN;
    }
    return InstanceState.TERMINATED;
  }

  static String reasonFor(InstanceState state) {
    return switch (state) {
      case STOPPED, STOPPING, TERMINATED, SHUTTING_DOWN -> "User initiated";
      default -> "";
    };
  }

  private static String privateIp(RandomIds ids, Subnet subnet) {
    String cidr = subnet.cidrBlock();
    String prefix = cidr.substring(0, cidr.lastIndexOf('.'));
    return prefix + "." + (4 + ids.nextInt(250));
  }

  private static String bumpLastOctet(String ip) {
    int dot = ip.lastIndexOf('.');
    int last = Integer.parseInt(ip.substring(dot + 1));
    return ip.substring(0, dot) + "." + (last >= 253 ? 4 : last + 1);
  }

  static List<Tag> instanceTags(RandomIds ids) {
    List<Tag> tags = new ArrayList<>();
    // About one instance in seven has no Name tag, as in real estates.
    if (ids.chance(0.85)) {
      tags.add(
          new Tag("Name", ids.pick(NAME_PREFIXES) + "-" + String.format("%02d", ids.nextInt(100))));
    }
    tags.add(new Tag("env", ids.pick(ENVIRONMENTS)));
    tags.add(new Tag("team", ids.pick(TEAMS)));
    if (ids.chance(0.5)) {
      tags.add(new Tag("cost-center", "cc-" + (1000 + ids.nextInt(9000))));
    }
    return tags;
  }

  private static List<Tag> resourceTags(RandomIds ids, String kind, double namedShare) {
    List<Tag> tags = new ArrayList<>();
    if (ids.chance(namedShare)) {
      tags.add(new Tag("Name", kind + "-" + ids.pick(ENVIRONMENTS) + "-" + ids.hex(4)));
    }
    tags.add(new Tag("env", ids.pick(ENVIRONMENTS)));
    return tags;
  }

  static Tag environmentTag(RandomIds ids) {
    return new Tag("env", ids.pick(ENVIRONMENTS));
  }
}
