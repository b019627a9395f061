package io.cloudledger.core.secrets.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.secrets.SecretValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs writing the same keystore at once: the cross-process lock must lose no write. */
class KeystoreTwoProcessesTest {
  private static final String PASSWORD = "two-process-password";

  @TempDir Path dir;

  @Test
  void twoProcesses_writing50KeysEach_leaveAll100() throws Exception {
    Path keystore = dir.resolve("keystore-user.clks");
    Path start = dir.resolve("start");
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classpath = System.getProperty("java.class.path");

    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (String prefix : List.of("a_", "b_")) {
      Path log = dir.resolve(prefix + "out.txt");
      logs.add(log);
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  KeystoreWriterMain.class.getName(),
                  keystore.toString(),
                  prefix,
                  "50",
                  start.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put(KeystorePasswordSource.PASSWORD_VARIABLE, PASSWORD);
      processes.add(builder.start());
    }
    Thread.sleep(300); // let both JVMs start before releasing them together
    Files.createFile(start);

    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      boolean finished = process.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      assertThat(finished).as("process %d finished", i).isTrue();
      assertThat(process.exitValue())
          .as("exit code of process %d, output:%n%s", i, Files.readString(logs.get(i)))
          .isZero();
    }

    long[] a = window(logs.get(0));
    long[] b = window(logs.get(1));
    System.out.printf(
        "writes of process a: %d ms, of process b: %d ms, overlapping %d ms%n",
        a[1] - a[0], b[1] - b[0], Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
    assertThat(Math.max(a[0], b[0]))
        .as("the two processes wrote at the same time (a=%s..%s, b=%s..%s)", a[0], a[1], b[0], b[1])
        .isLessThan(Math.min(a[1], b[1]));

    LocalKeystore reader = TestKeystores.fast(keystore, PASSWORD).build();
    List<String> names = reader.list();
    assertThat(names).hasSize(100);
    for (int i = 0; i < 50; i++) {
      assertThat(reader.get("a_" + i)).contains(SecretValue.of("a_value-" + i));
      assertThat(reader.get("b_" + i)).contains(SecretValue.of("b_value-" + i));
    }
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no temp files left behind")
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  private static long[] window(Path log) throws Exception {
    String line =
        Files.readAllLines(log).stream()
            .filter(l -> l.startsWith("window "))
            .findFirst()
            .orElseThrow();
    String[] parts = line.split(" ");
    return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
  }
}
