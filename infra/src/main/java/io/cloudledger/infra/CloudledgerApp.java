package io.cloudledger.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: validates the context, then builds every stack with cdk-nag's checks attached. */
public final class CloudledgerApp {
  private CloudledgerApp() {}

  public static final String DATA_STACK = "CloudledgerData";
  public static final String SECRETS_STACK = "CloudledgerSecrets";
  public static final String SYNC_STACK = "CloudledgerSync";
  public static final String MEMBER_ROLE_STACK = "CloudledgerMemberRole";

  /** The stacks of one app. */
  public record Stacks(
      DataStack data, SecretsStack secrets, SyncStack sync, List<MemberRoleStack> memberRoles) {
    public Stacks {
      memberRoles = List.copyOf(memberRoles);
    }
  }

  public static void main(String[] args) {
    App app = new App();
    try {
      build(app, CloudledgerContext.from(contextOf(app), Path.of("").toAbsolutePath()));
    } catch (InvalidContextException e) {
      // The message is the whole story; a stack trace would bury it.
      System.err.println(e.getMessage());
      System.exit(2);
    }
    app.synth();
  }

  /** The values of every key the app reads, as the CDK hands them over. */
  static Map<String, Object> contextOf(App app) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : CloudledgerContext.KEYS) {
      Object value = app.getNode().tryGetContext(key);
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  /** Builds every stack into {@code app} and attaches the AwsSolutions checks. */
  public static Stacks build(App app, CloudledgerContext context) {
    // Env-agnostic stacks: `cdk deploy` takes the account and region from the caller's profile.
    StackProps central = StackProps.builder().description("cloudledger").build();
    DataStack data =
        new DataStack(app, DATA_STACK, DataStack.Props.of(central, context.tablePrefix()));
    SecretsStack secrets =
        new SecretsStack(
            app,
            SECRETS_STACK,
            new SecretsStack.Props(
                central,
                context.externalId(),
                context.lambdaJar(LambdaArtifact.Jar.ROTATION),
                SyncStack.LOG_RETENTION));
    SyncStack sync =
        new SyncStack(app, SYNC_STACK, new SyncStack.Props(central, context, data, secrets));
    List<MemberRoleStack> members = new ArrayList<>();
    if (context.memberAccounts().isEmpty()) {
      members.add(new MemberRoleStack(app, MEMBER_ROLE_STACK, memberProps(context, central)));
    } else {
      for (String account : context.memberAccounts()) {
        StackProps props =
            StackProps.builder()
                .description("cloudledger member role")
                .env(Environment.builder().account(account).build())
                .build();
        members.add(
            new MemberRoleStack(
                app, MEMBER_ROLE_STACK + "-" + account, memberProps(context, props)));
      }
    }
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return new Stacks(data, secrets, sync, members);
  }

  private static MemberRoleStack.Props memberProps(CloudledgerContext context, StackProps props) {
    return new MemberRoleStack.Props(
        props,
        context.memberRoleName(),
        context.externalId(),
        context.centralAccount(),
        SyncStack.WORKER_ROLE_NAME,
        MemberReadPermissions.all());
  }
}
