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
 * The Azure part of the estate: one tenant with subscriptions of virtual machines, storage
 * accounts, virtual networks and subnets, generated deterministically (subscription {@code i}
 * depends only on the seed and {@code i}) and mutated by {@link #advance}. Thread-safe.
 *
 * <p>Each subscription's resources are split as for AWS accounts: 60 % VMs, 10 % virtual networks,
 * 20 % subnets, the rest storage accounts.
 */
public final class AzureEstate {
  /** Mixed into the seed so Azure draws never repeat AWS draws. */
  private static final long AZURE_SALT = 0x417A757265L;

  static final List<String> LOCATIONS =
      List.of(
          "eastus",
          "westeurope",
          "westus2",
          "northeurope",
          "uksouth",
          "centralus",
          "southeastasia",
          "japaneast");
  static final List<String> VM_SIZES =
      List.of(
          "Standard_B2s",
          "Standard_B2ms",
          "Standard_D2s_v5",
          "Standard_D4s_v5",
          "Standard_E4s_v5",
          "Standard_F4s_v2",
          "Standard_DS1_v2");
  private static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");
  private static final List<String> TEAMS = List.of("platform", "payments", "data", "search");
  private static final List<String> VM_ROLES =
      List.of("web", "api", "worker", "db", "cache", "batch", "jump");
  private static final List<String> SKUS =
      List.of("Standard_LRS", "Standard_GRS", "Standard_RAGRS", "Standard_ZRS", "Premium_LRS");

  private final long seed;
  private final String tenantId;
  private volatile Map<String, AzureSubscription> subscriptions;
  private final CostLedger costs;
  private final Map<String, String> states = new java.util.concurrent.ConcurrentHashMap<>();

  /** The management groups under the tenant root group: subscription i is in group i % 2. */
  public static final List<String> MANAGEMENT_GROUPS = List.of("cl-prod", "cl-nonprod");

  private AzureEstate(long seed, String tenantId, Map<String, AzureSubscription> subscriptions) {
    this.seed = seed;
    this.tenantId = tenantId;
    this.subscriptions = subscriptions;
    this.costs =
        new CostLedger(
            seed, CostCatalog.AZURE, () -> this.subscriptions.keySet().stream().toList());
  }

  /** The subscriptions' bill (Cost Management's ServiceName values; any date, revisable). */
  public CostLedger costs() {
    return costs;
  }

  /** {@code count} subscriptions of {@code spec.resourcesPerAccount()} resources each. */
  public static AzureEstate generate(EstateSpec spec, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("azure subscriptions must not be negative: " + count);
    }
    RandomIds tenantIds = ids(spec.seed(), -1, 0);
    String tenantId = guid(tenantIds);
    Map<String, AzureSubscription> subscriptions = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      AzureSubscription subscription = subscription(spec, tenantId, i);
      subscriptions.put(subscription.subscriptionId(), subscription);
    }
    return new AzureEstate(spec.seed(), tenantId, Collections.unmodifiableMap(subscriptions));
  }

  /** The tenant (directory) every subscription belongs to. */
  public String tenantId() {
    return tenantId;
  }

  /** All subscriptions, in generation order. */
  public List<AzureSubscription> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  /** The subscription's state: Enabled unless {@link #setState} changed it. */
  public String state(String subscriptionId) {
    return states.getOrDefault(subscriptionId, "Enabled");
  }

  /** Sets a subscription's state (Enabled, Warned, PastDue, Disabled, Deleted). */
  public void setState(String subscriptionId, String state) {
    states.put(subscriptionId, state);
  }

  /** The management group directly above a subscription (under the tenant root group). */
  public String managementGroupOf(AzureSubscription subscription) {
    return MANAGEMENT_GROUPS.get(subscription.index() % MANAGEMENT_GROUPS.size());
  }

  public Optional<AzureSubscription> subscription(String subscriptionId) {
    return Optional.ofNullable(subscriptions.get(subscriptionId));
  }

  /**
   * Deletes, modifies and creates {@code fraction} of each subscription's resources (a third each)
   * for step {@code generation}, adding what changed to the lists.
   */
  synchronized void advance(
      int generation,
      double fraction,
      List<ResourceRef> created,
      List<ResourceRef> deleted,
      List<ResourceRef> modified) {
    Map<String, AzureSubscription> next = new LinkedHashMap<>();
    for (AzureSubscription subscription : subscriptions.values()) {
      next.put(
          subscription.subscriptionId(),
          advance(subscription, generation, fraction, created, deleted, modified));
    }
    subscriptions = Collections.unmodifiableMap(next);
  }

  private AzureSubscription advance(
      AzureSubscription subscription,
      int generation,
      double fraction,
      List<ResourceRef> created,
      List<ResourceRef> deleted,
      List<ResourceRef> modified) {
    RandomIds ids = ids(seed, subscription.index(), generation);
    int changes = (int) Math.round(fraction * subscription.resourceCount());
    int creates = changes / 3;
    int deletes = changes / 3;
    int modifies = changes - creates - deletes;
    String sub = subscription.subscriptionId();
    Instant now = RandomIds.EPOCH.plus(Duration.ofHours(generation));
    List<AzureVm> vms = new ArrayList<>(subscription.vms());
    List<AzureStorageAccount> accounts = new ArrayList<>(subscription.storageAccounts());
    List<AzureVirtualNetwork> networks = new ArrayList<>(subscription.virtualNetworks());
    Set<String> touched = new HashSet<>();

    for (int d = 0; d < deletes; d++) {
      if (!accounts.isEmpty() && (vms.isEmpty() || ids.chance(0.2))) {
        AzureStorageAccount gone = accounts.remove(ids.nextInt(accounts.size()));
        deleted.add(
            new ResourceRef(sub, gone.location(), ResourceType.AZURE_STORAGE_ACCOUNT, gone.id()));
      } else if (!vms.isEmpty()) {
        AzureVm gone = vms.remove(ids.nextInt(vms.size()));
        deleted.add(new ResourceRef(sub, gone.location(), ResourceType.AZURE_VM, gone.id()));
      }
    }
    for (int m = 0; m < modifies; m++) {
      if (ids.chance(0.1) && !networks.isEmpty()) {
        int at = ids.nextInt(networks.size());
        AzureVirtualNetwork network = networks.get(at);
        if (touched.add(network.id())) {
          networks.set(at, network.withTags(retag(network.tags(), env(ids))));
          modified.add(
              new ResourceRef(
                  sub, network.location(), ResourceType.AZURE_VIRTUAL_NETWORK, network.id()));
        }
      } else if (!vms.isEmpty()) {
        int at = ids.nextInt(vms.size());
        AzureVm vm = vms.get(at);
        if (touched.add(vm.id())) {
          vms.set(at, modify(ids, vm));
          modified.add(new ResourceRef(sub, vm.location(), ResourceType.AZURE_VM, vm.id()));
        }
      }
    }
    for (int c = 0; c < creates; c++) {
      if (ids.chance(0.2) || networks.isEmpty()) {
        AzureStorageAccount account = storageAccount(ids, sub, resourceGroups(sub), now);
        accounts.add(account);
        created.add(
            new ResourceRef(
                sub, account.location(), ResourceType.AZURE_STORAGE_ACCOUNT, account.id()));
      } else {
        AzureVm vm = vm(ids, sub, ids.pick(networks), now, true);
        vms.add(vm);
        touched.add(vm.id());
        created.add(new ResourceRef(sub, vm.location(), ResourceType.AZURE_VM, vm.id()));
      }
    }
    return subscription.withResources(vms, accounts, networks);
  }

  private static AzureVm modify(RandomIds ids, AzureVm vm) {
    if (ids.chance(0.5)) {
      return vm.withTags(retag(vm.tags(), env(ids)));
    }
    AzurePowerState next =
        switch (vm.powerState()) {
          case RUNNING -> ids.chance(0.6) ? AzurePowerState.DEALLOCATED : AzurePowerState.STOPPED;
          case STARTING -> AzurePowerState.RUNNING;
          case STOPPING -> AzurePowerState.STOPPED;
          case DEALLOCATING -> AzurePowerState.DEALLOCATED;
          case STOPPED, DEALLOCATED -> AzurePowerState.RUNNING;
        };
    return vm.withPowerState(next);
  }

  private static AzureSubscription subscription(EstateSpec spec, String tenantId, int index) {
    RandomIds ids = ids(spec.seed(), index, 0);
    String sub = guid(ids);
    List<String> groups = resourceGroups(sub);
    List<String> active = new ArrayList<>(List.of("eastus"));
    int extra = ids.nextInt(3);
    for (int attempt = 0; attempt < 16 && active.size() < 1 + extra; attempt++) {
      String candidate = ids.pick(LOCATIONS);
      if (!active.contains(candidate)) {
        active.add(candidate);
      }
    }
    int vnetCount = spec.vpcCount();
    int subnetCount = spec.subnetCount();
    List<AzureVirtualNetwork> networks = new ArrayList<>();
    for (int v = 0; v < vnetCount; v++) {
      List<AzureSubnet> subnets = new ArrayList<>();
      // Subnets are dealt round-robin over the networks, as AWS subnets over VPCs.
      for (int s = v; s < subnetCount; s += vnetCount) {
        int third = (s / vnetCount) % 256;
        subnets.add(
            new AzureSubnet(
                ids.pick(List.of("default", "app", "data", "web", "aks")) + "-" + s,
                "10." + (v % 256) + "." + third + ".0/24"));
      }
      networks.add(
          new AzureVirtualNetwork(
              sub,
              ids.pick(groups),
              "vnet-" + ids.pick(ENVIRONMENTS) + "-" + ids.hex(6),
              active.get(v % active.size()),
              guid(ids),
              "10." + (v % 256) + ".0.0/16",
              subnets,
              tags(ids)));
    }
    List<AzureVm> vms = new ArrayList<>();
    for (int i = 0; i < spec.instanceCount(); i++) {
      vms.add(vm(ids, sub, ids.pick(networks), RandomIds.EPOCH, false));
    }
    List<AzureStorageAccount> accounts = new ArrayList<>();
    for (int b = 0; b < spec.bucketCount(); b++) {
      accounts.add(storageAccount(ids, sub, groups, RandomIds.EPOCH));
    }
    return new AzureSubscription(
        index, sub, "sandbox-subscription-" + (index + 1), tenantId, vms, accounts, networks);
  }

  private static AzureVm vm(
      RandomIds ids, String sub, AzureVirtualNetwork network, Instant before, boolean fresh) {
    AzurePowerState state = fresh ? freshState(ids) : initialState(ids);
    String role = ids.pick(VM_ROLES);
    List<Tag> tags = new ArrayList<>();
    tags.add(new Tag("env", ids.pick(ENVIRONMENTS)));
    tags.add(new Tag("team", ids.pick(TEAMS)));
    if (ids.chance(0.5)) {
      tags.add(new Tag("cost-center", "cc-" + (1000 + ids.nextInt(9000))));
    }
    return new AzureVm(
        sub,
        network.resourceGroup(),
        "vm-" + role + "-" + ids.hex(6),
        network.location(),
        guid(ids),
        ids.pick(VM_SIZES),
        ids.chance(0.7) ? "Linux" : "Windows",
        state,
        fresh
            ? before.minusSeconds(1 + ids.nextInt(3600))
            : ids.before(before, Duration.ofDays(730)),
        tags);
  }

  private static AzureStorageAccount storageAccount(
      RandomIds ids, String sub, List<String> groups, Instant before) {
    // Storage account names are 3-24 lowercase letters and digits, globally unique.
    String name = "st" + ids.pick(List.of("logs", "data", "backup", "diag")) + ids.hex(12);
    return new AzureStorageAccount(
        sub,
        ids.pick(groups),
        name,
        ids.chance(0.6) ? "eastus" : ids.pick(LOCATIONS),
        ids.chance(0.8) ? "StorageV2" : ids.pick(List.of("BlobStorage", "FileStorage", "Storage")),
        ids.pick(SKUS),
        ids.before(before, Duration.ofDays(730)),
        tags(ids));
  }

  private static AzurePowerState initialState(RandomIds ids) {
    int roll = ids.nextInt(100);
    if (roll < 60) {
      return AzurePowerState.RUNNING;
    } else if (roll < 80) {
      return AzurePowerState.DEALLOCATED;
    } else if (roll < 90) {
      return AzurePowerState.STOPPED;
    } else if (roll < 95) {
      return AzurePowerState.STARTING;
    } else if (roll < 98) {
      return AzurePowerState.STOPPING;
    }
    return AzurePowerState.DEALLOCATING;
  }

  private static AzurePowerState freshState(RandomIds ids) {
    return ids.chance(0.5) ? AzurePowerState.STARTING : AzurePowerState.RUNNING;
  }

  private static List<String> resourceGroups(String sub) {
    // Fixed per subscription, so new resources land in existing groups.
    return List.of("rg-prod-" + sub.substring(0, 4), "rg-dev-" + sub.substring(0, 4), "rg-shared");
  }

  private static List<Tag> tags(RandomIds ids) {
    List<Tag> tags = new ArrayList<>();
    tags.add(new Tag("env", ids.pick(ENVIRONMENTS)));
    if (ids.chance(0.5)) {
      tags.add(new Tag("team", ids.pick(TEAMS)));
    }
    return tags;
  }

  private static Tag env(RandomIds ids) {
    return new Tag("env", ids.pick(ENVIRONMENTS));
  }

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

  private static RandomIds ids(long seed, int index, int generation) {
    return RandomIds.forAccount(seed ^ AZURE_SALT, index, generation);
  }

  /** A GUID in the lowercase 8-4-4-4-12 form ARM uses. */
  static String guid(RandomIds ids) {
    String hex = ids.hex(32);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }
}
