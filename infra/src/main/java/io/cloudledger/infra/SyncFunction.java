package io.cloudledger.infra;

import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Java function of the Sync stack: its own role (no managed policies), its own log group with a
 * retention, SnapStart on published versions, and a {@code live} alias that every trigger invokes
 * (SnapStart only applies to versions, never to {@code $LATEST}).
 */
public final class SyncFunction extends Construct {

  /** The name of the alias the event sources, schedules and the API invoke. */
  public static final String ALIAS = "live";

  /**
   * What a function needs.
   *
   * @param roleName a fixed role name when other accounts must trust it, else empty
   */
  public record Props(
      LambdaArtifact.Function spec,
      Code code,
      Map<String, String> environment,
      RetentionDays logRetention,
      String roleName) {
    public Props {
      environment = Map.copyOf(environment);
    }
  }

  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;

  public SyncFunction(Construct scope, String id, Props props) {
    super(scope, id);
    Role.Builder roleBuilder =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("cloudledger " + props.spec().id() + " function");
    if (!props.roleName().isEmpty()) {
      roleBuilder.roleName(props.roleName());
    }
    this.role = roleBuilder.build();
    this.logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    // Granting the one log group (instead of AWSLambdaBasicExecutionRole) keeps the role free of
    // managed policies and of logs:* on every group.
    logGroup.grantWrite(role);
    this.function =
        Function.Builder.create(this, "Function")
            .runtime(Runtime.JAVA_25)
            .architecture(Architecture.X86_64)
            .handler(props.spec().handler())
            .code(props.code())
            .memorySize(props.spec().memoryMb())
            .timeout(Duration.seconds(props.spec().timeoutSeconds()))
            .role(role)
            .logGroup(logGroup)
            .loggingFormat(LoggingFormat.JSON)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .environment(props.environment())
            .description("cloudledger " + props.spec().id())
            .build();
    // The warning says SnapStart needs a published version: the alias below publishes one.
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "the live alias publishes a version on every code or configuration change");
    this.alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
  }

  public Role role() {
    return role;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  public Function function() {
    return function;
  }

  /** What triggers invoke: the published, snapshotted version. */
  public Alias alias() {
    return alias;
  }
}
