package io.cloudledger.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Every IAM identity-policy statement of a template, with the roles it is attached to. */
final class IamStatements {
  private IamStatements() {}

  /**
   * One Allow or Deny statement.
   *
   * @param roles logical ids of the roles the statement applies to (a managed policy's own id)
   */
  record Statement(
      String effect, List<String> actions, List<Object> resources, List<String> roles) {}

  static List<Statement> of(Template template) {
    List<Statement> statements = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> entry : Resources.of(template).entrySet()) {
      Map<String, Object> properties = map(entry.getValue().get("Properties"));
      switch (String.valueOf(entry.getValue().get("Type"))) {
        case "AWS::IAM::Policy" -> {
          List<String> roles =
              list(properties.get("Roles")).stream()
                  .map(role -> String.valueOf(map(role).get("Ref")))
                  .toList();
          addAll(statements, map(properties.get("PolicyDocument")), roles);
        }
        // A managed policy counts as the holder its statements apply to (its own logical id).
        case "AWS::IAM::ManagedPolicy" ->
            addAll(statements, map(properties.get("PolicyDocument")), List.of(entry.getKey()));
        case "AWS::IAM::Role" -> {
          for (Object policy : list(properties.get("Policies"))) {
            addAll(statements, map(map(policy).get("PolicyDocument")), List.of(entry.getKey()));
          }
        }
        default -> {}
      }
    }
    return statements;
  }

  private static void addAll(
      List<Statement> statements, Map<String, Object> document, List<String> roles) {
    for (Object raw : list(document.get("Statement"))) {
      Map<String, Object> statement = map(raw);
      statements.add(
          new Statement(
              String.valueOf(statement.get("Effect")),
              list(statement.get("Action")).stream().map(String::valueOf).toList(),
              list(statement.get("Resource")),
              roles));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }
}
