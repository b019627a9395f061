package io.cloudledger.core.inventory;

import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.Scope;
import java.util.List;
import java.util.Objects;

/**
 * One page of a scope's listing. Every observation must belong to the scope: a resource delivered
 * under the wrong scope could be tombstoned by the other scope's complete listing.
 */
public record ResourcePage(Scope scope, List<ResourceObservation> observations) {

  public ResourcePage {
    Objects.requireNonNull(scope, "scope");
    observations = List.copyOf(observations);
    for (ResourceObservation observation : observations) {
      if (!scope.covers(observation.region(), observation.type())) {
        throw new IllegalArgumentException(
            "resource " + observation.resourceKey() + " does not belong to scope " + scope);
      }
    }
  }

  public static ResourcePage of(Scope scope, List<ResourceObservation> observations) {
    return new ResourcePage(scope, observations);
  }
}
