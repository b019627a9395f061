package io.cloudledger.infra;

import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** Reads a synthesized template's resources and the logical ids constructs got. */
final class Resources {
  private Resources() {}

  /** The logical id of an L1 construct, or of an L2 construct's L1 child. */
  static String logicalId(IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return Stack.of(construct).getLogicalId((CfnElement) element);
  }

  /** The template's resources by logical id. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> of(Template template) {
    return (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
  }
}
