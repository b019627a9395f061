package io.cloudledger.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * The app synthesized once per test JVM (a synth takes seconds): two member accounts, an alarm
 * address, and the jar the reactor built.
 */
final class SynthesizedApp {
  static final List<String> MEMBER_ACCOUNTS = List.of("111111111111", "222222222222");
  static final String CENTRAL_ACCOUNT = "999999999999";
  static final String EXTERNAL_ID = "cloudledger-test-external-id";
  static final String ALARM_EMAIL = "ops@example.com";

  private static SynthesizedApp instance;

  final CloudledgerContext context;
  final CloudledgerApp.Stacks stacks;
  private final Map<Stack, Template> templates = new LinkedHashMap<>();
  private final Map<Stack, Annotations> annotations = new LinkedHashMap<>();

  private SynthesizedApp() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(CloudledgerContext.MEMBER_ACCOUNTS, MEMBER_ACCOUNTS);
    values.put(CloudledgerContext.CENTRAL_ACCOUNT, CENTRAL_ACCOUNT);
    values.put(CloudledgerContext.EXTERNAL_ID, EXTERNAL_ID);
    values.put(CloudledgerContext.PAYER_ACCOUNT, MEMBER_ACCOUNTS.get(0));
    values.put(CloudledgerContext.ALARM_EMAIL, ALARM_EMAIL);
    // Surefire runs in the module directory, as cdk does: the default jar path applies.
    this.context = CloudledgerContext.from(values, Path.of("").toAbsolutePath());
    this.stacks = CloudledgerApp.build(new App(), context);
  }

  static synchronized SynthesizedApp get() {
    if (instance == null) {
      instance = new SynthesizedApp();
    }
    return instance;
  }

  /** Every stack of the app. */
  List<Stack> allStacks() {
    List<Stack> all = new ArrayList<>(List.of(stacks.data(), stacks.secrets(), stacks.sync()));
    all.addAll(stacks.memberRoles());
    return all;
  }

  synchronized Template template(Stack stack) {
    return templates.computeIfAbsent(stack, Template::fromStack);
  }

  synchronized Annotations annotations(Stack stack) {
    return this.annotations.computeIfAbsent(stack, Annotations::fromStack);
  }
}
