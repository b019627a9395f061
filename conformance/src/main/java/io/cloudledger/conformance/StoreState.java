package io.cloudledger.conformance;

import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The inventory of some accounts as canonical text, one line per stored item (tombstones included)
 * with every field except the times ({@code firstSeen}, {@code lastSeen}, {@code lastChanged},
 * {@code deletedAt}, which depend on the wall clock of the run), so that two stores synced from the
 * same estate by different runtimes compare equal, and a SHA-256 over it.
 */
public record StoreState(
    SortedMap<AccountKey, SortedSet<String>> linesByAccount,
    SortedMap<AccountKey, SortedSet<String>> liveByAccount) {

  public StoreState {
    linesByAccount = copy(linesByAccount);
    liveByAccount = copy(liveByAccount);
  }

  private static SortedMap<AccountKey, SortedSet<String>> copy(
      SortedMap<AccountKey, SortedSet<String>> map) {
    SortedMap<AccountKey, SortedSet<String>> copy = new TreeMap<>();
    map.forEach((account, lines) -> copy.put(account, new TreeSet<>(lines)));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Reads every item of {@code accounts} from {@code store}. */
  public static StoreState read(InventoryStore store, Collection<AccountKey> accounts) {
    SortedMap<AccountKey, SortedSet<String>> lines = new TreeMap<>();
    SortedMap<AccountKey, SortedSet<String>> live = new TreeMap<>();
    for (AccountKey account : accounts) {
      SortedSet<String> accountLines = new TreeSet<>();
      SortedSet<String> accountLive = new TreeSet<>();
      try (Stream<Resource> resources =
          store.query(InventoryQuery.account(account).includingDeleted())) {
        resources.forEach(
            resource -> {
              accountLines.add(line(resource));
              if (!resource.deleted()) {
                accountLive.add(resource.type().key() + ":" + resource.resourceId());
              }
            });
      }
      lines.put(account, accountLines);
      live.put(account, accountLive);
    }
    return new StoreState(lines, live);
  }

  /** The canonical line of one item: every field but the times, in a fixed order. */
  static String line(Resource r) {
    return String.join(
        "|",
        r.accountKey().value(),
        r.resourceKey(),
        r.region(),
        r.type().key(),
        r.resourceId(),
        r.name(),
        r.status().name(),
        r.rawStatus(),
        canonical(r.tags()),
        canonical(r.metadata()),
        r.contentHash(),
        r.deleted() ? "deleted" : "live");
  }

  private static String canonical(Map<String, String> map) {
    StringBuilder text = new StringBuilder("{");
    new TreeMap<>(map)
        .forEach((k, v) -> text.append(escape(k)).append('=').append(escape(v)).append(';'));
    return text.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("|", "\\|").replace(";", "\\;").replace("=", "\\=");
  }

  /** The items of {@code provider}'s accounts only. */
  public StoreState of(Provider provider) {
    return new StoreState(
        new TreeMap<>(Maps.filterProvider(linesByAccount, provider)),
        new TreeMap<>(Maps.filterProvider(liveByAccount, provider)));
  }

  /** SHA-256 (hex) over the accounts and their lines, in order. */
  public String hash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      linesByAccount.forEach(
          (account, lines) -> {
            digest.update(("account " + account.value() + "\n").getBytes(StandardCharsets.UTF_8));
            lines.forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
          });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code type:resourceId} of the live items of {@code account} (empty when not stored). */
  public SortedSet<String> liveResources(AccountKey account) {
    return liveByAccount.getOrDefault(account, Collections.emptySortedSet());
  }

  /** Number of items (live and tombstoned) over all accounts. */
  public int size() {
    return linesByAccount.values().stream().mapToInt(SortedSet::size).sum();
  }

  private static final class Maps {
    static SortedMap<AccountKey, SortedSet<String>> filterProvider(
        SortedMap<AccountKey, SortedSet<String>> map, Provider provider) {
      SortedMap<AccountKey, SortedSet<String>> selected = new TreeMap<>();
      map.forEach(
          (account, values) -> {
            if (account.provider() == provider) {
              selected.put(account, values);
            }
          });
      return selected;
    }
  }
}
