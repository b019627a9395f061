package io.cloudledger.core.discovery;

import io.cloudledger.core.model.AccountKey;
import java.util.List;
import java.util.Objects;

/**
 * One account an organization listed.
 *
 * @param name the display name the provider gives it (never a secret)
 * @param status the provider's own word for its state ({@code ACTIVE}, {@code SUSPENDED}, {@code
 *     PENDING_CLOSURE}, {@code Disabled}, {@code DELETE_REQUESTED}...)
 * @param active whether it can be synced; an inactive account is skipped and its stored inventory
 *     is kept, marked stale
 * @param path the groups above it, root first (AWS root and OUs, Azure management groups, GCP
 *     organization and folders)
 * @param source the {@code cloud_sessions} entry that discovered it
 */
public record DiscoveredAccount(
    AccountKey account,
    String name,
    String status,
    boolean active,
    List<String> path,
    String source) {

  public DiscoveredAccount {
    Objects.requireNonNull(account, "account");
    name = name == null ? "" : name;
    Objects.requireNonNull(status, "status");
    path = List.copyOf(path);
    Objects.requireNonNull(source, "source");
  }
}
