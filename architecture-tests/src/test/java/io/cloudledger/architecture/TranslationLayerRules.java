package io.cloudledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * "Each adapter class stays a translation layer" (ARCHITECTURE.md, issue 11), as rules over the
 * functions' entry points in {@code io.cloudledger.lambda}, {@code io.cloudledger.azurefn} and
 * {@code io.cloudledger.gcf}:
 *
 * <ul>
 *   <li>an entry point (a Lambda {@code RequestHandler}/{@code RequestStreamHandler}'s {@code
 *       handleRequest}, an Azure {@code @FunctionName} method, a Functions Framework {@code
 *       HttpFunction.service} or {@code CloudEventsFunction}/{@code BackgroundFunction.accept})
 *       spans at most {@value #MAX_ENTRY_POINT_LINES} lines, its lambdas included;
 *   <li>it calls only the core, the connectors, its own adapter, the platform's library (event
 *       types included), logging, Jackson and {@code java.lang/util/time/io/nio.charset/math}: no
 *       cloud SDK client, no network, no file system, no other adapter, no sandbox;
 *   <li>a class holding entry points (with its nested classes) has at most {@value
 *       #MAX_HANDLER_CLASS_LINES} lines of method code in all.
 * </ul>
 *
 * <p>Lines are measured from the bytecode: a method spans from its first to its last line with a
 * call, a field access, an {@code instanceof} or a class literal (blank lines, comments and a
 * trailing {@code return local;} are not counted, so the measure never exceeds the source).
 */
final class TranslationLayerRules {
  static final int MAX_ENTRY_POINT_LINES = 40;
  static final int MAX_HANDLER_CLASS_LINES = 120;

  static final String[] ADAPTER_PACKAGES = {
    "io.cloudledger.lambda", "io.cloudledger.azurefn", "io.cloudledger.gcf"
  };

  private static final Set<String> ENTRY_POINT_INTERFACES =
      Set.of(
          "com.amazonaws.services.lambda.runtime.RequestHandler",
          "com.amazonaws.services.lambda.runtime.RequestStreamHandler",
          "com.google.cloud.functions.HttpFunction",
          "com.google.cloud.functions.CloudEventsFunction",
          "com.google.cloud.functions.BackgroundFunction",
          "com.google.cloud.functions.RawBackgroundFunction",
          "com.google.cloud.functions.TypedFunction");
  private static final Set<String> ENTRY_POINT_METHODS =
      Set.of("handleRequest", "service", "accept", "apply");
  private static final String AZURE_FUNCTION =
      "com.microsoft.azure.functions.annotation.FunctionName";

  private static final List<String> ALLOWED_PREFIXES =
      List.of(
          "java.lang.",
          "java.util.",
          "java.time.",
          "java.io.",
          "java.nio.charset.",
          "java.math.",
          "io.cloudledger.core.",
          "io.cloudledger.aws.",
          "io.cloudledger.azure.",
          "io.cloudledger.gcp.",
          "com.amazonaws.services.lambda.runtime.",
          "org.joda.time.", // the type of ScheduledEvent.getTime()
          "com.microsoft.azure.functions.",
          "com.google.cloud.functions.",
          "io.cloudevents.",
          "org.slf4j.",
          "com.fasterxml.jackson.");

  private TranslationLayerRules() {}

  /** Whether {@code method} is a function runtime's entry point. */
  static boolean isEntryPoint(JavaMethod method) {
    if (method.isAnnotatedWith(AZURE_FUNCTION)) {
      return true;
    }
    if (!ENTRY_POINT_METHODS.contains(method.getName())
        || method.getModifiers().contains(JavaModifier.SYNTHETIC)
        || method.getModifiers().contains(JavaModifier.BRIDGE)) {
      return false; // the compiler's bridge for a generic handler is not the code
    }
    JavaClass owner = method.getOwner();
    return ENTRY_POINT_INTERFACES.stream().anyMatch(owner::isAssignableTo);
  }

  static List<JavaMethod> entryPoints(JavaClass javaClass) {
    return javaClass.getMethods().stream().filter(TranslationLayerRules::isEntryPoint).toList();
  }

  static final DescribedPredicate<JavaClass> HOLD_ENTRY_POINTS =
      DescribedPredicate.describe("hold a function entry point", c -> !entryPoints(c).isEmpty());

  /** Entry points stay short and call nothing but core, connectors and the platform's types. */
  static final ArchRule ENTRY_POINTS_ONLY_TRANSLATE =
      classes()
          .that(HOLD_ENTRY_POINTS)
          .and()
          .resideInAnyPackage(adapterPackages())
          .should(entryPointsOnlyTranslate())
          .because("each adapter class stays a translation layer: the logic lives in the core")
          .allowEmptyShould(true);

  /** A class holding entry points has little code at all. */
  static final ArchRule HANDLER_CLASSES_STAY_SMALL =
      classes()
          .that(HOLD_ENTRY_POINTS)
          .and()
          .resideInAnyPackage(adapterPackages())
          .should(haveAtMostLinesOfMethodCode(MAX_HANDLER_CLASS_LINES))
          .because("a handler that grows is a handler that took on logic")
          .allowEmptyShould(true);

  private static String[] adapterPackages() {
    return Stream.of(ADAPTER_PACKAGES).map(p -> p + "..").toArray(String[]::new);
  }

  private static ArchCondition<JavaClass> entryPointsOnlyTranslate() {
    return new ArchCondition<>(
        "have entry points of at most "
            + MAX_ENTRY_POINT_LINES
            + " lines that call only core, connectors and the platform's types") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaMethod entryPoint : entryPoints(javaClass)) {
          int lines = lines(entryPoint);
          if (lines > MAX_ENTRY_POINT_LINES) {
            events.add(
                SimpleConditionEvent.violated(
                    entryPoint,
                    entryPoint.getFullName()
                        + " spans "
                        + lines
                        + " lines (at most "
                        + MAX_ENTRY_POINT_LINES
                        + ")"));
          }
          Set<String> forbidden = new TreeSet<>();
          for (JavaCodeUnit unit : withLambdas(entryPoint)) {
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
              String target = access.getTargetOwner().getName();
              if (!allowed(target, javaClass)) {
                forbidden.add(target + " (line " + access.getLineNumber() + ")");
              }
            }
          }
          if (!forbidden.isEmpty()) {
            events.add(
                SimpleConditionEvent.violated(
                    entryPoint,
                    entryPoint.getFullName()
                        + " calls beyond core, connectors and the platform: "
                        + forbidden));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> haveAtMostLinesOfMethodCode(int max) {
    return new ArchCondition<>(
        "have at most " + max + " lines of method code, nested classes included") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        int lines = classLines(javaClass);
        if (lines > max) {
          events.add(
              SimpleConditionEvent.violated(
                  javaClass,
                  javaClass.getName()
                      + " has "
                      + lines
                      + " lines of method code (at most "
                      + max
                      + ")"));
        }
      }
    };
  }

  /** Lines of method code of {@code javaClass} and its nested classes (constructors excluded). */
  static int classLines(JavaClass javaClass) {
    int lines = 0;
    for (JavaClass member : withNested(javaClass)) {
      for (JavaMethod method : member.getMethods()) {
        lines += span(method);
      }
    }
    return lines;
  }

  /** The class and the classes nested in it (named {@code Outer$...}: records, lambdas' hosts). */
  private static List<JavaClass> withNested(JavaClass javaClass) {
    String nestedPrefix = javaClass.getName() + "$";
    return javaClass.getPackage().getClasses().stream()
        .filter(c -> c.equals(javaClass) || c.getName().startsWith(nestedPrefix))
        .toList();
  }

  /** Lines an entry point spans, its lambdas included. */
  static int lines(JavaMethod entryPoint) {
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    for (JavaCodeUnit unit : withLambdas(entryPoint)) {
      for (int line : lineNumbers(unit)) {
        first = Math.min(first, line);
        last = Math.max(last, line);
      }
    }
    return first == Integer.MAX_VALUE ? 0 : last - first + 1;
  }

  private static int span(JavaCodeUnit unit) {
    List<Integer> lines = lineNumbers(unit);
    if (lines.isEmpty()) {
      return 0;
    }
    return lines.stream().max(Integer::compare).orElseThrow()
        - lines.stream().min(Integer::compare).orElseThrow()
        + 1;
  }

  private static List<Integer> lineNumbers(JavaCodeUnit unit) {
    List<Integer> lines = new java.util.ArrayList<>();
    lines.add(unit.getSourceCodeLocation().getLineNumber());
    unit.getAccessesFromSelf().forEach(a -> lines.add(a.getLineNumber()));
    unit.getInstanceofChecks().forEach(c -> lines.add(c.getLineNumber()));
    unit.getReferencedClassObjects().forEach(r -> lines.add(r.getLineNumber()));
    lines.removeIf(line -> line <= 0);
    return lines;
  }

  /** {@code method} and the synthetic lambda bodies the compiler made from its lambdas. */
  private static List<JavaCodeUnit> withLambdas(JavaMethod method) {
    String prefix = "lambda$" + method.getName() + "$";
    List<JavaCodeUnit> units = new java.util.ArrayList<>();
    units.add(method);
    method.getOwner().getMethods().stream()
        .filter(m -> m.getName().startsWith(prefix))
        .forEach(units::add);
    return units;
  }

  private static boolean allowed(String target, JavaClass caller) {
    String callerPackage = caller.getPackageName();
    String adapter =
        Stream.of(ADAPTER_PACKAGES)
            .filter(p -> callerPackage.equals(p) || callerPackage.startsWith(p + "."))
            .findFirst()
            .orElse(callerPackage);
    return target.startsWith(adapter + ".")
        || target.startsWith("[") // arrays (clone, length)
        || ALLOWED_PREFIXES.stream().anyMatch(target::startsWith);
  }

  /** The adapter packages' classes that hold entry points, for the detection check. */
  static Set<String> handlerClasses(JavaClasses classes, String adapterPackage) {
    Set<String> names = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      if (javaClass.getPackageName().startsWith(adapterPackage)
          && !entryPoints(javaClass).isEmpty()) {
        names.add(javaClass.getName());
      }
    }
    return names;
  }
}
