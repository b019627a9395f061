package io.cloudledger.infra;

import java.util.List;

/**
 * The {@code cloudledger.yaml} the Sync functions get inline in {@code CLOUDLEDGER_CONFIG}: one AWS
 * session per member account, assuming its member role with the ExternalId read from {@value
 * #EXTERNAL_ID_VARIABLE} (the functions do not resolve {@code SEC/} references yet).
 */
public final class LambdaConfigYaml {
  private LambdaConfigYaml() {}

  /** The environment variable the sessions' {@code external_id} references. */
  public static final String EXTERNAL_ID_VARIABLE = "CLOUDLEDGER_EXTERNAL_ID";

  /**
   * The YAML for {@code accounts}; an empty list gives an empty session list (nothing is synced
   * until accounts are named).
   *
   * @param partition the ARN partition, {@code aws} or a CDK token resolving to it
   */
  public static String of(List<String> accounts, String memberRoleName, String partition) {
    return of(accounts, memberRoleName, partition, "");
  }

  /**
   * Like {@link #of(List, String, String)}, with {@code cost_explorer: true} on the session of
   * {@code payerAccount} (none when empty): the one Cost Explorer query for every linked account.
   */
  public static String of(
      List<String> accounts, String memberRoleName, String partition, String payerAccount) {
    if (accounts.isEmpty()) {
      return "cloud_sessions: []\n";
    }
    StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
    for (String account : accounts) {
      yaml.append("  - name: member-")
          .append(account)
          .append("\n    session_type: aws\n    role_arn: arn:")
          .append(partition)
          .append(":iam::")
          .append(account)
          .append(":role/")
          .append(memberRoleName)
          .append("\n    external_id: ENV/")
          .append(EXTERNAL_ID_VARIABLE)
          .append('\n');
      if (account.equals(payerAccount)) {
        yaml.append("    cost_explorer: true\n");
      }
    }
    return yaml.toString();
  }
}
