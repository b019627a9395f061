package io.cloudledger.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** The cdk-nag suppressions recorded in a template's resource metadata. */
final class NagMetadata {
  private NagMetadata() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> suppressions(Template template) {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> resource : Resources.of(template).values()) {
      if (resource.get("Metadata") instanceof Map<?, ?> metadata
          && metadata.get("cdk_nag") instanceof Map<?, ?> nag
          && nag.get("rules_to_suppress") instanceof List<?> list) {
        list.forEach(rule -> rules.add((Map<String, Object>) rule));
      }
    }
    return rules;
  }
}
