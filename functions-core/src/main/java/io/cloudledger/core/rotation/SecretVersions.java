package io.cloudledger.core.rotation;

import java.util.List;
import java.util.Optional;

/** The labelled versions of one secret, as a store reports them. */
public record SecretVersions(String secretId, List<SecretVersion> versions) {
  public static final String CURRENT = "AWSCURRENT";
  public static final String PENDING = "AWSPENDING";
  public static final String PREVIOUS = "AWSPREVIOUS";

  public SecretVersions {
    versions = List.copyOf(versions);
  }

  public Optional<SecretVersion> withStage(String stage) {
    return versions.stream().filter(v -> v.has(stage)).findFirst();
  }

  public Optional<SecretVersion> version(String versionId) {
    return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
  }
}
