package io.cloudledger.sandbox.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's clouds: AWS accounts and their resources, generated deterministically from an
 * {@link EstateSpec} and mutated deterministically by {@link #advance(double)}. Thread-safe:
 * readers see a consistent snapshot of each account.
 */
public final class Estate {
  private final EstateSpec spec;
  private volatile Map<String, AwsAccount> accounts;
  private volatile AzureEstate azure;
  private volatile GcpEstate gcp;
  private int generation;
  private final CostLedger costs;
  private final CostLedger gcpCosts;
  private final AwsOrganizationTree organization;
  private final GcpResourceTree gcpTree;

  private Estate(EstateSpec spec, Map<String, AwsAccount> accounts) {
    this.spec = spec;
    this.accounts = accounts;
    this.azure = AzureEstate.generate(spec, 0);
    this.gcp = GcpEstate.generate(spec);
    this.costs =
        new CostLedger(
            spec.seed(),
            CostCatalog.AWS,
            () -> this.accounts.values().stream().map(AwsAccount::accountId).toList());
    this.gcpCosts =
        new CostLedger(
            spec.seed(),
            CostCatalog.GCP,
            () -> gcp.projects().stream().map(GcpProject::projectId).toList());
    this.organization = AwsOrganizationTree.generate(spec.seed(), List.copyOf(accounts.values()));
    this.gcpTree = GcpResourceTree.generate(spec.seed());
  }

  /** The GCP organization and folders the projects sit in, with each project's state. */
  public GcpResourceTree gcpResourceTree() {
    return gcpTree;
  }

  /** The AWS organization every account of the estate belongs to. */
  public AwsOrganizationTree organization() {
    return organization;
  }

  /** The estate with {@code azureSubscriptions} Azure subscriptions besides the AWS accounts. */
  public static Estate generate(EstateSpec spec, int azureSubscriptions) {
    Estate estate = generate(spec);
    estate.azure = AzureEstate.generate(spec, azureSubscriptions);
    return estate;
  }

  /** The Azure tenant and its subscriptions (none unless generated with some). */
  public AzureEstate azure() {
    return azure;
  }

  /** The GCP projects ({@link EstateSpec#gcpProjects()} of them, possibly none). */
  public GcpEstate gcp() {
    return gcp;
  }

  /** The AWS bill of the estate's accounts (any date, deterministic, revisable). */
  public CostLedger costs() {
    return costs;
  }

  /** The Azure bill per subscription (Cost Management's ServiceName values). */
  public CostLedger azureCosts() {
    return azure.costs();
  }

  /** The GCP bill per project (the billing export's service descriptions). */
  public CostLedger gcpCosts() {
    return gcpCosts;
  }

  /** Generates the estate; account {@code i} depends only on the seed and {@code i}. */
  public static Estate generate(EstateSpec spec) {
    Map<String, AwsAccount> accounts = new LinkedHashMap<>();
    for (int i = 0; i < spec.accounts(); i++) {
      AwsAccount account = EstateGenerator.account(spec, i);
      if (accounts.put(account.accountId(), account) != null) {
        throw new IllegalStateException(
            "seed " + spec.seed() + " generated account id " + account.accountId() + " twice");
      }
    }
    return new Estate(spec, Collections.unmodifiableMap(accounts));
  }

  public EstateSpec spec() {
    return spec;
  }

  /** All accounts, in generation order; the first is the management account. */
  public List<AwsAccount> accounts() {
    return List.copyOf(accounts.values());
  }

  public Optional<AwsAccount> account(String accountId) {
    return Optional.ofNullable(accounts.get(accountId));
  }

  /** The account whose static credentials the sandbox hands out (the organization's payer). */
  public AwsAccount managementAccount() {
    return accounts.values().iterator().next();
  }

  /** How many {@link #advance} steps have been applied. */
  public synchronized int generation() {
    return generation;
  }

  public int instanceCount() {
    return accounts.values().stream().mapToInt(a -> a.instances().size()).sum();
  }

  /**
   * Creates, deletes and modifies {@code fraction} of each account's resources (a third each),
   * deterministically from the seed and the step number, and reports exactly what changed.
   */
  public synchronized EstateChange advance(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within 0..1, was " + fraction);
    }
    generation++;
    List<ResourceRef> created = new ArrayList<>();
    List<ResourceRef> deleted = new ArrayList<>();
    List<ResourceRef> modified = new ArrayList<>();
    Map<String, AwsAccount> next = new LinkedHashMap<>();
    for (AwsAccount account : accounts.values()) {
      next.put(account.accountId(), advanceAccount(account, fraction, created, deleted, modified));
    }
    accounts = Collections.unmodifiableMap(next);
    azure.advance(generation, fraction, created, deleted, modified);
    gcp = gcp.advance(spec.seed(), generation, fraction, created, deleted, modified);
    return new EstateChange(generation, created, deleted, modified);
  }

  private AwsAccount advanceAccount(
      AwsAccount account,
      double fraction,
      List<ResourceRef> created,
      List<ResourceRef> deleted,
      List<ResourceRef> modified) {
    RandomIds ids = RandomIds.forAccount(spec.seed(), account.index(), generation);
    int changes = (int) Math.round(fraction * account.resourceCount());
    int creates = changes / 3;
    int deletes = changes / 3;
    int modifies = changes - creates - deletes;
    String accountId = account.accountId();
    Instant now = RandomIds.EPOCH.plus(Duration.ofHours(generation));

    List<Ec2Instance> instances = new ArrayList<>(account.instances());
    List<Bucket> buckets = new ArrayList<>(account.buckets());
    List<Vpc> vpcs = new ArrayList<>(account.vpcs());
    Set<String> touched = new HashSet<>();

    for (int d = 0; d < deletes; d++) {
      if (!buckets.isEmpty() && (instances.isEmpty() || ids.chance(0.2))) {
        Bucket gone = buckets.remove(ids.nextInt(buckets.size()));
        deleted.add(new ResourceRef(accountId, gone.region(), ResourceType.S3_BUCKET, gone.name()));
      } else if (!instances.isEmpty()) {
        Ec2Instance gone = instances.remove(ids.nextInt(instances.size()));
        deleted.add(
            new ResourceRef(
                accountId, gone.region(), ResourceType.EC2_INSTANCE, gone.instanceId()));
      }
    }
    for (int m = 0; m < modifies; m++) {
      if (ids.chance(0.1) && !vpcs.isEmpty()) {
        int at = ids.nextInt(vpcs.size());
        Vpc vpc = vpcs.get(at);
        if (touched.add(vpc.vpcId())) {
          vpcs.set(at, vpc.withTags(retag(vpc.tags(), EstateGenerator.environmentTag(ids))));
          modified.add(new ResourceRef(accountId, vpc.region(), ResourceType.VPC, vpc.vpcId()));
        }
      } else if (!instances.isEmpty()) {
        int at = ids.nextInt(instances.size());
        Ec2Instance instance = instances.get(at);
        if (touched.add(instance.instanceId())) {
          instances.set(at, modify(ids, instance));
          modified.add(
              new ResourceRef(
                  accountId, instance.region(), ResourceType.EC2_INSTANCE, instance.instanceId()));
        }
      }
    }
    List<String> bucketRegions = account.subnets().stream().map(Subnet::region).distinct().toList();
    for (int c = 0; c < creates; c++) {
      if (ids.chance(0.2)) {
        Bucket bucket = EstateGenerator.newBucket(ids, accountId, bucketRegions, now);
        buckets.add(bucket);
        created.add(
            new ResourceRef(accountId, bucket.region(), ResourceType.S3_BUCKET, bucket.name()));
      } else {
        Ec2Instance instance =
            EstateGenerator.newInstance(ids, ids.pick(account.subnets()), now, true);
        instances.add(instance);
        touched.add(instance.instanceId());
        created.add(
            new ResourceRef(
                accountId, instance.region(), ResourceType.EC2_INSTANCE, instance.instanceId()));
      }
    }
    return account.withResources(instances, vpcs, buckets);
  }

  private static Ec2Instance modify(RandomIds ids, Ec2Instance instance) {
    if (instance.state() == InstanceState.TERMINATED || ids.chance(0.5)) {
      return instance.withTags(retag(instance.tags(), EstateGenerator.environmentTag(ids)));
    }
    InstanceState next =
        switch (instance.state()) {
          case PENDING -> InstanceState.RUNNING;
          case RUNNING -> ids.chance(0.7) ? InstanceState.STOPPED : InstanceState.TERMINATED;
          case STOPPING, SHUTTING_DOWN -> InstanceState.STOPPED;
          case STOPPED -> InstanceState.RUNNING;
          case TERMINATED -> InstanceState.TERMINATED;
        };
    return instance.withState(next, EstateGenerator.reasonFor(next));
  }

  /** Replaces the {@code env} tag, or flips it if the draw repeats the current value. */
  private static List<Tag> retag(List<Tag> tags, Tag env) {
    List<Tag> out = new ArrayList<>();
    for (Tag tag : tags) {
      if (tag.key().equals("env")) {
        String value = tag.value().equals(env.value()) ? env.value() + "-changed" : env.value();
        out.add(new Tag("env", value));
      } else {
        out.add(tag);
      }
    }
    return out;
  }
}
