package io.cloudledger.sandbox.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The estate's GCP projects, generated and advanced with the same determinism as the AWS accounts:
 * project {@code i} depends only on the seed and {@code i}. Immutable; {@link Estate} swaps it.
 *
 * <p>A project's {@code resourcesPerAccount} are split about 10 % networks, 20 % subnetworks and
 * the rest instances.
 */
public final class GcpEstate {
  // Keeps GCP draws independent of the AWS account with the same index.
  private static final long GCP_SALT = 0x6763705F65737461L;
  private static final List<String> MACHINE_TYPES =
      List.of(
          "e2-micro",
          "e2-small",
          "e2-medium",
          "e2-standard-2",
          "n2-standard-2",
          "n2-standard-4",
          "n2d-standard-2",
          "c3-standard-4",
          "t2d-standard-1");
  private static final List<String> NAME_PREFIXES =
      List.of("web", "api", "worker", "db", "cache", "batch", "bastion");
  private static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");
  private static final List<String> TEAMS = List.of("platform", "payments", "data", "search");
  private static final Duration TWO_YEARS = Duration.ofDays(730);

  private final Map<String, GcpProject> projects;

  private GcpEstate(Map<String, GcpProject> projects) {
    this.projects = projects;
  }

  static GcpEstate generate(EstateSpec spec) {
    Map<String, GcpProject> projects = new LinkedHashMap<>();
    for (int i = 0; i < spec.gcpProjects(); i++) {
      GcpProject project = project(spec, i);
      if (projects.put(project.projectId(), project) != null) {
        throw new IllegalStateException(
            "seed " + spec.seed() + " generated project id " + project.projectId() + " twice");
      }
    }
    return new GcpEstate(projects);
  }

  public List<GcpProject> projects() {
    return List.copyOf(projects.values());
  }

  /**
   * The BigQuery table of the estate's Cloud Billing export, {@code <first
   * project>.billing_export.gcp_billing_export_v1_<billing account>}: one billing account pays for
   * every project, as in most organizations. Empty without projects.
   */
  public Optional<String> billingExportTable() {
    return projects.values().stream()
        .findFirst()
        .map(p -> p.projectId() + ".billing_export.gcp_billing_export_v1_" + billingAccount(p));
  }

  /** A billing account id like {@code 01A2B3_C4D5E6_F7A8B9} (dashes as underscores). */
  private static String billingAccount(GcpProject first) {
    long mixed = first.projectNumber() * 0x9E3779B97F4A7C15L;
    String hex = String.format("%016X%02X", mixed, first.projectNumber() & 0xFF);
    return hex.substring(0, 6) + "_" + hex.substring(6, 12) + "_" + hex.substring(12, 18);
  }

  public Optional<GcpProject> project(String projectId) {
    return Optional.ofNullable(projects.get(projectId));
  }

  private static RandomIds ids(long seed, int index, int generation) {
    return RandomIds.forAccount(seed ^ GCP_SALT, index, generation);
  }

  private static GcpProject project(EstateSpec spec, int index) {
    RandomIds ids = ids(spec.seed(), index, 0);
    String projectId = "cl-sandbox-" + ids.hex(6);
    long projectNumber = 100_000_000_000L + ids.nextInt(900_000_000) * 1000L + ids.nextInt(1000);
    int total = spec.resourcesPerAccount();
    int networkCount = Math.max(1, (int) Math.round(total * 0.1));
    int subnetCount = Math.max(1, (int) Math.round(total * 0.2));
    int instanceCount = Math.max(1, total - networkCount - subnetCount);

    List<String> regions = new ArrayList<>(List.of("us-central1"));
    int extra = ids.nextInt(3);
    for (int attempt = 0; attempt < 16 && regions.size() < 1 + extra; attempt++) {
      String candidate = ids.pick(GcpZones.REGIONS);
      if (!regions.contains(candidate)) {
        regions.add(candidate);
      }
    }
    List<GcpNetwork> networks = new ArrayList<>();
    for (int n = 0; n < networkCount; n++) {
      networks.add(
          new GcpNetwork(
              resourceId(ids),
              n == 0 ? "default" : "net-" + ids.pick(ENVIRONMENTS) + "-" + ids.hex(4),
              n == 0,
              ids.chance(0.7) ? "REGIONAL" : "GLOBAL",
              1460,
              ids.before(RandomIds.EPOCH, TWO_YEARS)));
    }
    List<GcpSubnetwork> subnetworks = new ArrayList<>();
    for (int s = 0; s < subnetCount; s++) {
      String region = regions.get(s % regions.size());
      GcpNetwork network = networks.get(s % networks.size());
      int second = s % 256;
      int third = (s / 256) % 256;
      subnetworks.add(
          new GcpSubnetwork(
              resourceId(ids),
              "subnet-" + region + "-" + ids.hex(4),
              region,
              network.name(),
              "10." + second + "." + third + ".0/24",
              "10." + second + "." + third + ".1",
              ids.before(RandomIds.EPOCH, TWO_YEARS)));
    }
    List<GcpInstance> instances = new ArrayList<>();
    for (int i = 0; i < instanceCount; i++) {
      instances.add(newInstance(ids, ids.pick(subnetworks), RandomIds.EPOCH, false));
    }
    return new GcpProject(index, projectId, projectNumber, instances, networks, subnetworks);
  }

  private static long resourceId(RandomIds ids) {
    // Compute ids are unsigned 64-bit numbers, usually 19 digits.
    return 1_000_000_000_000_000_000L
        + (ids.nextInt(Integer.MAX_VALUE) * 3_000_000_000L)
        + ids.nextInt(1_000_000_000);
  }

  private static GcpInstance newInstance(
      RandomIds ids, GcpSubnetwork subnet, Instant before, boolean fresh) {
    String status = fresh ? (ids.chance(0.5) ? "PROVISIONING" : "RUNNING") : initialStatus(ids);
    String prefix = subnet.ipCidrRange().substring(0, subnet.ipCidrRange().lastIndexOf('.'));
    Map<String, String> labels = new TreeMap<>();
    labels.put("env", ids.pick(ENVIRONMENTS));
    labels.put("team", ids.pick(TEAMS));
    if (ids.chance(0.5)) {
      labels.put("cost-center", "cc-" + (1000 + ids.nextInt(9000)));
    }
    return new GcpInstance(
        resourceId(ids),
        ids.pick(NAME_PREFIXES) + "-" + ids.hex(6),
        ids.pick(GcpZones.zonesOf(subnet.region())),
        ids.pick(MACHINE_TYPES),
        status,
        subnet.network(),
        subnet.name(),
        prefix + "." + (2 + ids.nextInt(250)),
        status.equals("RUNNING") && ids.chance(0.5) ? ids.publicIp() : "",
        fresh ? before.minusSeconds(1 + ids.nextInt(3600)) : ids.before(before, TWO_YEARS),
        labels);
  }

  private static String initialStatus(RandomIds ids) {
    int roll = ids.nextInt(100);
    if (roll < 60) {
      return "RUNNING";
    } else if (roll < 80) {
      return "TERMINATED";
    } else if (roll < 85) {
      return "PROVISIONING";
    } else if (roll < 88) {
      return "STAGING";
    } else if (roll < 90) {
      return "STOPPING";
    }
    return "SUSPENDED";
  }

  /**
   * The next estate: each project loses, changes and gains a third of {@code fraction} of its
   * resources (instances only: networks and subnetworks have no labels to change).
   */
  GcpEstate advance(
      long seed,
      int generation,
      double fraction,
      List<ResourceRef> created,
      List<ResourceRef> deleted,
      List<ResourceRef> modified) {
    Map<String, GcpProject> next = new LinkedHashMap<>();
    Instant now = RandomIds.EPOCH.plus(Duration.ofHours(generation));
    for (GcpProject project : projects.values()) {
      RandomIds ids = ids(seed, project.index(), generation);
      int changes = (int) Math.round(fraction * project.resourceCount());
      int creates = changes / 3;
      int deletes = changes / 3;
      int modifies = changes - creates - deletes;
      String projectId = project.projectId();
      List<GcpInstance> instances = new ArrayList<>(project.instances());
      Set<Long> touched = new HashSet<>();
      for (int d = 0; d < deletes && !instances.isEmpty(); d++) {
        GcpInstance gone = instances.remove(ids.nextInt(instances.size()));
        deleted.add(ref(projectId, gone));
      }
      for (int m = 0; m < modifies && !instances.isEmpty(); m++) {
        int at = ids.nextInt(instances.size());
        GcpInstance instance = instances.get(at);
        if (touched.add(instance.id())) {
          instances.set(at, modify(ids, instance));
          modified.add(ref(projectId, instance));
        }
      }
      for (int c = 0; c < creates; c++) {
        GcpInstance instance = newInstance(ids, ids.pick(project.subnetworks()), now, true);
        instances.add(instance);
        created.add(ref(projectId, instance));
      }
      next.put(projectId, project.withInstances(instances));
    }
    return new GcpEstate(next);
  }

  private static ResourceRef ref(String projectId, GcpInstance instance) {
    return new ResourceRef(
        projectId,
        instance.region(),
        ResourceType.GCP_INSTANCE,
        Long.toUnsignedString(instance.id()));
  }

  private static GcpInstance modify(RandomIds ids, GcpInstance instance) {
    if (ids.chance(0.5)) {
      Map<String, String> labels = new TreeMap<>(instance.labels());
      String env = ids.pick(ENVIRONMENTS);
      labels.put("env", env.equals(labels.get("env")) ? env + "-changed" : env);
      return instance.withLabels(labels);
    }
    String next =
        switch (instance.status()) {
          case "RUNNING" -> "TERMINATED";
          case "STOPPING" -> "TERMINATED";
          default -> "RUNNING"; // TERMINATED, SUSPENDED, PROVISIONING, STAGING
        };
    return instance.withStatus(next);
  }
}
