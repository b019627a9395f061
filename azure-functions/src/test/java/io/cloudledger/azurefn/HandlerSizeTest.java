package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.annotation.FunctionName;
import io.cloudledger.azurefn.rotation.SecretNearExpiryFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the function classes translation layers: at most {@value #MAX_LINES_PER_HANDLER} lines of
 * code (no blanks, comments, imports) per function they declare. Logic belongs in the core.
 */
class HandlerSizeTest {
  private static final int MAX_LINES_PER_HANDLER = 40;
  private static final List<Class<?>> FUNCTION_CLASSES =
      List.of(
          FanOutFunction.class,
          SyncWorkerFunction.class,
          SyncTriggerFunction.class,
          SecretNearExpiryFunction.class);

  @Test
  void everyFunctionClass_staysWithinFortyLinesPerHandler() throws IOException {
    for (Class<?> type : FUNCTION_CLASSES) {
      long handlers =
          Arrays.stream(type.getMethods())
              .filter(m -> m.isAnnotationPresent(FunctionName.class))
              .count();
      Path source = Path.of("src/main/java", type.getName().replace('.', '/') + ".java");

      long lines = codeLines(source);

      assertThat(handlers).as("functions in %s", type.getSimpleName()).isPositive();
      assertThat(lines)
          .as("code lines of %s (%d functions)", type.getSimpleName(), handlers)
          .isLessThanOrEqualTo(MAX_LINES_PER_HANDLER * handlers);
    }
  }

  private static long codeLines(Path source) throws IOException {
    return Files.readAllLines(source).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .filter(line -> !line.startsWith("//") && !line.startsWith("/*") && !line.startsWith("*"))
        .filter(line -> !line.startsWith("import ") && !line.startsWith("package "))
        .count();
  }
}
