package io.cloudledger.core.rotation;

import java.time.Instant;
import java.util.Set;

/** One version of a secret: its id, its staging labels and when it was created. */
public record SecretVersion(String versionId, Set<String> stages, Instant created) {
  public SecretVersion {
    stages = Set.copyOf(stages);
  }

  public boolean has(String stage) {
    return stages.contains(stage);
  }
}
