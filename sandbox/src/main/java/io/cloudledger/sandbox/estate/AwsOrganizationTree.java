package io.cloudledger.sandbox.estate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS organization of the estate: one root and a fixed OU tree (Security, Workloads with Prod
 * and NonProd, NonProd with Dev, Sandbox), every account of the estate a member. The management
 * account (index 0) sits under the root; account {@code i} in OU {@code (i - 1) % 5} of [Security,
 * Prod, NonProd, Dev, Sandbox]. Every 50th account (index 49, 99, ...) is suspended, index 97, 197,
 * ... pending closure and index 98, 198, ... closed, so estates of 3 accounts have none. {@link
 * #setState} changes an account's state at run time (tests suspend and reactivate accounts).
 */
public final class AwsOrganizationTree {

  /** One organizational unit. */
  public record Unit(String id, String name, String parentId) {}

  /** An account's {@code Status} (legacy, ACTIVE or SUSPENDED) and {@code State} (current). */
  public record Membership(String accountId, String parentId, String name, String state) {
    /** The legacy {@code Status} field, which only knows ACTIVE and SUSPENDED. */
    public String status() {
      return state.equals("ACTIVE") || state.equals("PENDING_ACTIVATION") ? "ACTIVE" : "SUSPENDED";
    }
  }

  private final String organizationId;
  private final String rootId;
  private final String managementAccountId;
  private final Map<String, Unit> units;
  private final List<String> accountOrder;
  private final Map<String, Membership> members = new ConcurrentHashMap<>();

  private AwsOrganizationTree(
      String organizationId,
      String rootId,
      String managementAccountId,
      Map<String, Unit> units,
      List<String> accountOrder) {
    this.organizationId = organizationId;
    this.rootId = rootId;
    this.managementAccountId = managementAccountId;
    this.units = units;
    this.accountOrder = accountOrder;
  }

  static AwsOrganizationTree generate(long seed, List<AwsAccount> accounts) {
    RandomIds ids = RandomIds.forAccount(seed, -7, 0);
    String rootSuffix = ids.hex(4);
    String rootId = "r-" + rootSuffix;
    Map<String, Unit> units = new LinkedHashMap<>();
    Unit security = unit(ids, rootSuffix, "Security", rootId, units);
    Unit workloads = unit(ids, rootSuffix, "Workloads", rootId, units);
    Unit prod = unit(ids, rootSuffix, "Prod", workloads.id(), units);
    Unit nonProd = unit(ids, rootSuffix, "NonProd", workloads.id(), units);
    Unit dev = unit(ids, rootSuffix, "Dev", nonProd.id(), units);
    Unit sandbox = unit(ids, rootSuffix, "Sandbox", rootId, units);
    List<Unit> leaves = List.of(security, prod, nonProd, dev, sandbox);
    List<String> order = new ArrayList<>();
    AwsOrganizationTree tree =
        new AwsOrganizationTree(
            "o-" + ids.hex(10), rootId, accounts.getFirst().accountId(), units, order);
    for (AwsAccount account : accounts) {
      int i = account.index();
      String parent = i == 0 ? rootId : leaves.get((i - 1) % leaves.size()).id();
      String state =
          i % 100 == 97
              ? "PENDING_CLOSURE"
              : i % 100 == 98 ? "CLOSED" : i % 50 == 49 ? "SUSPENDED" : "ACTIVE";
      order.add(account.accountId());
      tree.members.put(
          account.accountId(), new Membership(account.accountId(), parent, "account-" + i, state));
    }
    return tree;
  }

  private static Unit unit(
      RandomIds ids, String rootSuffix, String name, String parent, Map<String, Unit> units) {
    Unit unit = new Unit("ou-" + rootSuffix + "-" + ids.hex(8), name, parent);
    units.put(unit.id(), unit);
    return unit;
  }

  public String organizationId() {
    return organizationId;
  }

  public String rootId() {
    return rootId;
  }

  public String managementAccountId() {
    return managementAccountId;
  }

  /** Every OU, parents before children. */
  public List<Unit> units() {
    return List.copyOf(units.values());
  }

  /** The OU of this name (names are unique in the generated tree). */
  public Unit unitNamed(String name) {
    return units.values().stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no OU named " + name));
  }

  public Optional<Unit> unit(String id) {
    return Optional.ofNullable(units.get(id));
  }

  /** The OUs directly under {@code parentId}, in creation order. */
  public List<Unit> childUnits(String parentId) {
    return units.values().stream().filter(u -> u.parentId().equals(parentId)).toList();
  }

  /** Every member, in the estate's order. */
  public List<Membership> members() {
    return accountOrder.stream().map(members::get).toList();
  }

  public Optional<Membership> member(String accountId) {
    return Optional.ofNullable(members.get(accountId));
  }

  /** The accounts directly under {@code parentId}. */
  public List<Membership> membersUnder(String parentId) {
    return members().stream().filter(m -> m.parentId().equals(parentId)).toList();
  }

  /** Whether {@code id} is the root or an OU. */
  public boolean isParent(String id) {
    return id.equals(rootId) || units.containsKey(id);
  }

  /**
   * Sets an account's state ({@code ACTIVE}, {@code SUSPENDED}, {@code PENDING_CLOSURE}, {@code
   * CLOSED}).
   */
  public void setState(String accountId, String state) {
    members.computeIfPresent(
        accountId, (id, m) -> new Membership(id, m.parentId(), m.name(), state));
  }
}
