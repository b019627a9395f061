package io.cloudledger.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sizes of the jars already built under each module's {@code target/} (the bench never builds); a
 * deployable without a jar is listed as not built.
 */
final class JarSizes {
  static final List<String> DEPLOYABLES = List.of("aws-lambda", "azure-functions", "gcp-functions");
  private static final List<String> MODULES =
      List.of(
          "functions-core",
          "connectors/aws",
          "connectors/azure",
          "connectors/gcp",
          "aws-lambda",
          "azure-functions",
          "gcp-functions",
          "cli",
          "sandbox",
          "infra");

  private JarSizes() {}

  static List<JarSize> measure(Path projectDirectory) {
    List<JarSize> sizes = new ArrayList<>();
    for (String module : MODULES) {
      Path target = projectDirectory.resolve(module).resolve("target");
      List<Path> jars = jars(target);
      for (Path jar : jars) {
        sizes.add(
            new JarSize(
                module,
                projectDirectory.relativize(jar).toString(),
                true,
                Figures.megabytes(size(jar))));
      }
      if (jars.isEmpty() && DEPLOYABLES.contains(module)) {
        sizes.add(new JarSize(module, module + "/target/*.jar", false, 0));
      }
    }
    return sizes;
  }

  private static List<Path> jars(Path target) {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path jar) {
    try {
      return Files.size(jar);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + jar + ": " + e.getMessage(), e);
    }
  }
}
