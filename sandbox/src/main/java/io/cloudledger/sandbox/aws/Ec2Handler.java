package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.AwsRegion;
import io.cloudledger.sandbox.estate.Ec2Instance;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.Subnet;
import io.cloudledger.sandbox.estate.Tag;
import io.cloudledger.sandbox.estate.Vpc;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import io.cloudledger.sandbox.http.Xml;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * EC2 over the EC2 Query protocol: DescribeRegions, DescribeInstances, DescribeVpcs and
 * DescribeSubnets, paged with {@code MaxResults}/{@code NextToken} as EC2 pages them.
 */
final class Ec2Handler implements AwsServiceHandler {
  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** A request error answered in EC2's error shape. */
  private static final class Ec2Error extends RuntimeException {
    final int status;
    final String code;

    Ec2Error(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private record Page<T>(List<T> items, Optional<String> nextToken) {}

  private final Estate estate;
  private final AwsIdentities identities;
  private final AwsCallGate gate;

  Ec2Handler(Estate estate, AwsIdentities identities, AwsCallGate gate) {
    this.estate = estate;
    this.identities = identities;
    this.gate = gate;
  }

  @Override
  public SandboxResponse handle(SandboxRequest request, SigV4Scope scope) {
    Map<String, String> params = request.queryProtocolParameters();
    String action = params.getOrDefault("Action", "");
    Optional<AwsCaller> caller =
        identities.resolve(scope.accessKeyId(), request.header("x-amz-security-token"));
    Optional<AwsAccount> account = caller.flatMap(c -> estate.account(c.accountId()));
    // A region the account has not enabled rejects its credentials, as EC2 does.
    if (account.isEmpty() || !account.get().enabledRegions().contains(scope.region())) {
      gate.countUnauthenticated(action);
      return error(
          401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }
    try {
      return switch (action) {
        case "DescribeRegions" -> describeRegions(account.get(), params, scope);
        case "DescribeInstances" -> describeInstances(account.get(), params, scope);
        case "DescribeVpcs" -> describeVpcs(account.get(), params, scope);
        case "DescribeSubnets" -> describeSubnets(account.get(), params, scope);
        default -> {
          gate.enter(action, account.get().accountId(), scope.region(), 1);
          yield error(
              400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        }
      };
    } catch (Ec2Error e) {
      return error(e.status, e.code, e.getMessage());
    }
  }

  private SandboxResponse describeRegions(
      AwsAccount account, Map<String, String> params, SigV4Scope scope) {
    FaultDecision fault = gate.enter("DescribeRegions", account.accountId(), scope.region(), 1);
    if (fault.fails()) {
      return injected(fault);
    }
    boolean all = Boolean.parseBoolean(params.getOrDefault("AllRegions", "false"));
    List<String> wanted = indexed(params, "RegionName");
    Xml xml = start("DescribeRegionsResponse");
    xml.start("regionInfo");
    for (AwsRegion region : AwsRegion.ALL) {
      boolean enabled = account.enabledRegions().contains(region.name());
      if ((enabled || all) && (wanted.isEmpty() || wanted.contains(region.name()))) {
        xml.start("item")
            .text("regionName", region.name())
            .text("regionEndpoint", "ec2." + region.name() + ".amazonaws.com")
            .text("optInStatus", enabled ? region.enabledOptInStatus() : "not-opted-in")
            .end();
      }
    }
    xml.end();
    return ok(xml);
  }

  private SandboxResponse describeInstances(
      AwsAccount account, Map<String, String> params, SigV4Scope scope) {
    PageToken token = pageToken(params, "DescribeInstances");
    FaultDecision fault =
        gate.enter("DescribeInstances", account.accountId(), scope.region(), token.page());
    if (fault.fails()) {
      return injected(fault);
    }
    List<String> ids = indexed(params, "InstanceId");
    if (!ids.isEmpty() && params.containsKey("MaxResults")) {
      throw new Ec2Error(
          400,
          "InvalidParameterCombination",
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    List<Ec2Instance> instances =
        filter(
            account.instancesIn(scope.region()),
            params,
            Map.of(
                "instance-id", Ec2Instance::instanceId,
                "instance-state-name", i -> i.state().wireName(),
                "instance-type", Ec2Instance::instanceType,
                "vpc-id", Ec2Instance::vpcId,
                "subnet-id", Ec2Instance::subnetId));
    if (!ids.isEmpty()) {
      List<String> missing =
          ids.stream()
              .filter(id -> instances.stream().noneMatch(i -> i.instanceId().equals(id)))
              .toList();
      if (!missing.isEmpty()) {
        throw new Ec2Error(
            400,
            "InvalidInstanceID.NotFound",
            "The instance IDs '" + String.join(", ", missing) + "' do not exist");
      }
    }
    List<Ec2Instance> selected =
        ids.isEmpty()
            ? instances
            : instances.stream().filter(i -> ids.contains(i.instanceId())).toList();
    Page<Ec2Instance> page = page(selected, params, token, "DescribeInstances");

    Xml xml = start("DescribeInstancesResponse");
    xml.start("reservationSet");
    // Instances of one reservation that land on the same page are listed together, as EC2 does.
    Map<String, List<Ec2Instance>> reservations = new LinkedHashMap<>();
    for (Ec2Instance instance : page.items()) {
      reservations.computeIfAbsent(instance.reservationId(), r -> new ArrayList<>()).add(instance);
    }
    reservations.forEach(
        (reservationId, members) -> {
          xml.start("item")
              .text("reservationId", reservationId)
              .text("ownerId", account.accountId())
              .empty("groupSet")
              .start("instancesSet");
          members.forEach(i -> writeInstance(xml, i));
          xml.end().end();
        });
    xml.end();
    page.nextToken().ifPresent(t -> xml.text("nextToken", t));
    return ok(xml);
  }

  private static void writeInstance(Xml xml, Ec2Instance i) {
    AwsRegion region = AwsRegion.byName(i.region()).orElseThrow();
    boolean attached = !i.vpcId().isEmpty();
    boolean arm = i.instanceType().startsWith("t4g");
    xml.start("item")
        .text("instanceId", i.instanceId())
        .text("imageId", i.imageId())
        .start("instanceState")
        .text("code", i.state().code())
        .text("name", i.state().wireName())
        .end()
        .text(
            "privateDnsName",
            i.privateIp().isEmpty()
                ? ""
                : "ip-" + i.privateIp().replace('.', '-') + "." + internalDomain(region))
        .text(
            "dnsName",
            i.publicIp().isEmpty()
                ? ""
                : "ec2-" + i.publicIp().replace('.', '-') + "." + publicDomain(region))
        .text("reason", i.stateTransitionReason())
        .text("amiLaunchIndex", 0)
        .empty("productCodes")
        .text("instanceType", i.instanceType())
        .text("launchTime", TIMESTAMP.format(i.launchTime()))
        .start("placement")
        .text("availabilityZone", i.availabilityZone())
        .empty("groupName")
        .text("tenancy", "default")
        .end()
        .start("monitoring")
        .text("state", "disabled")
        .end();
    if (attached) {
      xml.text("subnetId", i.subnetId())
          .text("vpcId", i.vpcId())
          .text("privateIpAddress", i.privateIp());
    }
    i.publicIpAddress().ifPresent(ip -> xml.text("ipAddress", ip));
    xml.text("sourceDestCheck", true);
    xml.start("groupSet");
    if (attached) {
      xml.start("item")
          .text("groupId", "sg-" + i.vpcId().substring(4))
          .text("groupName", "default")
          .end();
    }
    xml.end()
        .text("architecture", arm ? "arm64" : "x86_64")
        .text("rootDeviceType", "ebs")
        .text("rootDeviceName", "/dev/xvda")
        .start("blockDeviceMapping");
    if (attached) {
      xml.start("item")
          .text("deviceName", "/dev/xvda")
          .start("ebs")
          .text("volumeId", "vol-" + i.instanceId().substring(2))
          .text("status", "attached")
          .text("attachTime", TIMESTAMP.format(i.launchTime()))
          .text("deleteOnTermination", true)
          .end()
          .end();
    }
    xml.end().text("virtualizationType", "hvm").empty("clientToken");
    writeTags(xml, i.tags());
    xml.text("hypervisor", "xen")
        .text("ebsOptimized", false)
        .text("enaSupport", true)
        .start("cpuOptions")
        .text("coreCount", i.instanceType().endsWith("xlarge") ? 2 : 1)
        .text("threadsPerCore", arm ? 1 : 2)
        .end()
        .text("platformDetails", "Linux/UNIX")
        .text("usageOperation", "RunInstances")
        .text("usageOperationUpdateTime", TIMESTAMP.format(i.launchTime()))
        .end();
  }

  private SandboxResponse describeVpcs(
      AwsAccount account, Map<String, String> params, SigV4Scope scope) {
    PageToken token = pageToken(params, "DescribeVpcs");
    FaultDecision fault =
        gate.enter("DescribeVpcs", account.accountId(), scope.region(), token.page());
    if (fault.fails()) {
      return injected(fault);
    }
    List<Vpc> vpcs = filter(account.vpcsIn(scope.region()), params, Map.of("vpc-id", Vpc::vpcId));
    Page<Vpc> page = page(vpcs, params, token, "DescribeVpcs");
    Xml xml = start("DescribeVpcsResponse");
    xml.start("vpcSet");
    for (Vpc vpc : page.items()) {
      xml.start("item")
          .text("vpcId", vpc.vpcId())
          .text("ownerId", account.accountId())
          .text("state", "available")
          .text("cidrBlock", vpc.cidrBlock())
          .start("cidrBlockAssociationSet")
          .start("item")
          .text("cidrBlock", vpc.cidrBlock())
          .text("associationId", "vpc-cidr-assoc-" + vpc.vpcId().substring(4))
          .start("cidrBlockState")
          .text("state", "associated")
          .end()
          .end()
          .end()
          .text("dhcpOptionsId", "dopt-" + vpc.vpcId().substring(4, 12))
          .text("instanceTenancy", "default")
          .text("isDefault", vpc.isDefault());
      writeTags(xml, vpc.tags());
      xml.end();
    }
    xml.end();
    page.nextToken().ifPresent(t -> xml.text("nextToken", t));
    return ok(xml);
  }

  private SandboxResponse describeSubnets(
      AwsAccount account, Map<String, String> params, SigV4Scope scope) {
    PageToken token = pageToken(params, "DescribeSubnets");
    FaultDecision fault =
        gate.enter("DescribeSubnets", account.accountId(), scope.region(), token.page());
    if (fault.fails()) {
      return injected(fault);
    }
    List<Subnet> subnets =
        filter(
            account.subnetsIn(scope.region()),
            params,
            Map.of("vpc-id", Subnet::vpcId, "subnet-id", Subnet::subnetId));
    Page<Subnet> page = page(subnets, params, token, "DescribeSubnets");
    AwsRegion region = AwsRegion.byName(scope.region()).orElseThrow();
    Xml xml = start("DescribeSubnetsResponse");
    xml.start("subnetSet");
    for (Subnet subnet : page.items()) {
      char zone = subnet.availabilityZone().charAt(subnet.availabilityZone().length() - 1);
      xml.start("item")
          .text("subnetId", subnet.subnetId())
          .text(
              "subnetArn",
              "arn:aws:ec2:"
                  + subnet.region()
                  + ":"
                  + account.accountId()
                  + ":subnet/"
                  + subnet.subnetId())
          .text("state", "available")
          .text("ownerId", account.accountId())
          .text("vpcId", subnet.vpcId())
          .text("cidrBlock", subnet.cidrBlock())
          .empty("ipv6CidrBlockAssociationSet")
          .text("availableIpAddressCount", subnet.availableIpAddressCount())
          .text("availabilityZone", subnet.availabilityZone())
          .text("availabilityZoneId", region.zoneIdPrefix() + "-az" + (zone - 'a' + 1))
          .text("defaultForAz", false)
          .text("mapPublicIpOnLaunch", false)
          .text("assignIpv6AddressOnCreation", false);
      writeTags(xml, subnet.tags());
      xml.end();
    }
    xml.end();
    page.nextToken().ifPresent(t -> xml.text("nextToken", t));
    return ok(xml);
  }

  private static void writeTags(Xml xml, List<Tag> tags) {
    if (tags.isEmpty()) {
      return; // EC2 omits tagSet for untagged resources
    }
    xml.start("tagSet");
    for (Tag tag : tags) {
      xml.start("item").text("key", tag.key()).text("value", tag.value()).end();
    }
    xml.end();
  }

  private static PageToken pageToken(Map<String, String> params, String operation) {
    String raw = params.get("NextToken");
    if (raw == null || raw.isEmpty()) {
      return new PageToken(operation, 0, 1);
    }
    return PageToken.decode(raw, operation)
        .orElseThrow(
            () ->
                new Ec2Error(
                    400, "InvalidPaginationToken", "The pagination token is invalid: " + raw));
  }

  /** Slices one page; without MaxResults EC2 returns everything in one response. */
  private static <T> Page<T> page(
      List<T> all, Map<String, String> params, PageToken token, String operation) {
    String rawMax = params.get("MaxResults");
    int size = all.size();
    if (rawMax != null) {
      try {
        size = Integer.parseInt(rawMax);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 5 || size > 1000) {
        throw new Ec2Error(
            400,
            "InvalidParameterValue",
            "Value ( "
                + rawMax
                + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
      }
    }
    int from = Math.min(token.offset(), all.size());
    int to = Math.min(from + size, all.size());
    Optional<String> next =
        to < all.size()
            ? Optional.of(new PageToken(operation, to, token.page() + 1).encode())
            : Optional.empty();
    return new Page<>(all.subList(from, to), next);
  }

  /** Applies {@code Filter.N.Name}/{@code Filter.N.Value.M}; an unknown filter name is an error. */
  private static <T> List<T> filter(
      List<T> items, Map<String, String> params, Map<String, Function<T, String>> known) {
    List<T> out = items;
    for (int n = 1; params.containsKey("Filter." + n + ".Name"); n++) {
      String name = params.get("Filter." + n + ".Name");
      Function<T, String> field = known.get(name);
      if (field == null) {
        throw new Ec2Error(
            400,
            "InvalidParameterValue",
            "The filter '" + name + "' is invalid (the sandbox supports " + known.keySet() + ")");
      }
      List<String> values = indexed(params, "Filter." + n + ".Value");
      out = out.stream().filter(i -> values.contains(Objects.toString(field.apply(i)))).toList();
    }
    return out;
  }

  /** Reads {@code Prefix.1}, {@code Prefix.2}, ... until the first gap. */
  private static List<String> indexed(Map<String, String> params, String prefix) {
    List<String> values = new ArrayList<>();
    for (int n = 1; params.containsKey(prefix + "." + n); n++) {
      values.add(params.get(prefix + "." + n));
    }
    return values;
  }

  private static String internalDomain(AwsRegion region) {
    return region.name().equals("us-east-1") ? "ec2.internal" : region.name() + ".compute.internal";
  }

  private static String publicDomain(AwsRegion region) {
    return region.name().equals("us-east-1")
        ? "compute-1.amazonaws.com"
        : region.name() + ".compute.amazonaws.com";
  }

  private static Xml start(String root) {
    return Xml.document(root, NAMESPACE).text("requestId", UUID.randomUUID().toString());
  }

  private static SandboxResponse ok(Xml xml) {
    return SandboxResponse.xml(200, xml.finish(), Map.of());
  }

  private static SandboxResponse injected(FaultDecision fault) {
    return switch (fault.failure()) {
      case THROTTLE -> error(503, "RequestLimitExceeded", "Request limit exceeded.");
      case SERVER_ERROR -> error(500, "InternalError", "An internal error has occurred.");
      case DENY ->
          error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
      case NONE -> throw new IllegalStateException("no failure to answer");
    };
  }

  /** EC2's error document: {@code <Response><Errors><Error><Code/><Message/>...<RequestID/>}. */
  static SandboxResponse error(int status, String code, String message) {
    Xml xml = Xml.document("Response");
    xml.start("Errors").start("Error").text("Code", code).text("Message", message).end().end();
    xml.text("RequestID", UUID.randomUUID().toString());
    return SandboxResponse.xml(status, xml.finish(), Map.of());
  }
}
