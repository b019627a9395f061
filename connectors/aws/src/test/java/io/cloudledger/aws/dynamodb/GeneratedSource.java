package io.cloudledger.aws.dynamodb;

import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source listing {@code count} VMs spread over a few regions, in pages of 100, every scope
 * complete; {@code generation} changes their content, so a new generation is a changed estate.
 */
final class GeneratedSource implements InventorySource {
  static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-south-1");
  private static final int PAGE = 100;

  private final int count;
  private final int generation;

  GeneratedSource(int count, int generation) {
    this.count = count;
    this.generation = generation;
  }

  @Override
  public ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink) {
    List<ScopeOutcome> outcomes = new ArrayList<>();
    for (int r = 0; r < REGIONS.size(); r++) {
      String region = REGIONS.get(r);
      Scope scope = Scope.of(region, ResourceType.VM);
      List<ResourceObservation> page = new ArrayList<>();
      for (int i = r; i < count; i += REGIONS.size()) {
        page.add(vm(region, i));
        if (page.size() == PAGE) {
          sink.accept(ResourcePage.of(scope, page));
          page = new ArrayList<>();
        }
      }
      if (!page.isEmpty()) {
        sink.accept(ResourcePage.of(scope, page));
      }
      outcomes.add(ScopeOutcome.complete(scope));
    }
    return ListingReport.of(outcomes);
  }

  private ResourceObservation vm(String region, int index) {
    return new ResourceObservation(
        ResourceType.VM,
        region,
        String.format("i-%017x", index),
        "web-" + index,
        ResourceStatus.RUNNING,
        "running",
        Map.of("env", "prod", "team", "team-" + (index % 10), "generation", "g" + generation),
        Map.of("instanceType", "t3.micro", "vpcId", "vpc-" + (index % 7), "az", region + "a"));
  }
}
