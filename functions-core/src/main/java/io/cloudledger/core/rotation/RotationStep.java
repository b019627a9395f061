package io.cloudledger.core.rotation;

import java.util.Arrays;
import java.util.Optional;

/** The four steps of a rotation, with their names on the command line and in AWS's event. */
public enum RotationStep {
  CREATE("create", "createSecret"),
  SET("set", "setSecret"),
  TEST("test", "testSecret"),
  FINISH("finish", "finishSecret");

  private final String cliName;
  private final String awsName;

  RotationStep(String cliName, String awsName) {
    this.cliName = cliName;
    this.awsName = awsName;
  }

  public String cliName() {
    return cliName;
  }

  /** The {@code Step} of a Secrets Manager rotation event. */
  public String awsName() {
    return awsName;
  }

  public static Optional<RotationStep> fromCliName(String name) {
    return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst();
  }

  public static Optional<RotationStep> fromAwsName(String name) {
    return Arrays.stream(values()).filter(s -> s.awsName.equals(name)).findFirst();
  }
}
