package io.cloudledger.sandbox.estate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GCP resource hierarchy of the estate: one organization, folders {@code folders/1001} (Prod)
 * and {@code folders/1002} (NonProd) under it, {@code folders/1003} (Dev) under NonProd. Project
 * {@code i} sits under [the organization, folders/1001, folders/1003][{@code i % 3}]. Every project
 * is ACTIVE until {@link #setState} marks it (e.g. DELETE_REQUESTED).
 */
public final class GcpResourceTree {

  /** One folder: {@code folders/N}, its display name and parent. */
  public record Folder(String name, String displayName, String parent) {}

  private final String organization;
  private final List<Folder> folders;
  private final Map<String, String> states = new ConcurrentHashMap<>();

  private GcpResourceTree(String organization) {
    this.organization = organization;
    this.folders =
        List.of(
            new Folder("folders/1001", "Prod", organization),
            new Folder("folders/1002", "NonProd", organization),
            new Folder("folders/1003", "Dev", "folders/1002"));
  }

  static GcpResourceTree generate(long seed) {
    return new GcpResourceTree(
        "organizations/" + (100_000_000L + Math.floorMod(seed, 900_000_000L)));
  }

  /** {@code organizations/N}. */
  public String organization() {
    return organization;
  }

  public List<Folder> folders() {
    return folders;
  }

  /** The parent ({@code organizations/N} or {@code folders/N}) of project {@code index}. */
  public String parentOf(GcpProject project) {
    return switch (project.index() % 3) {
      case 0 -> organization;
      case 1 -> "folders/1001";
      default -> "folders/1003";
    };
  }

  /** ACTIVE unless {@link #setState} changed it. */
  public String state(String projectId) {
    return states.getOrDefault(projectId, "ACTIVE");
  }

  /** Sets a project's lifecycle state: ACTIVE or DELETE_REQUESTED. */
  public void setState(String projectId, String state) {
    states.put(projectId, state);
  }
}
