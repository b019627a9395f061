package io.cloudledger.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine and JDK a run used, and the system load (1-minute average) when it started and ended:
 * the machine may be shared, and load changes wall-clock figures.
 */
public record MachineInfo(
    int cpus,
    String cpuModel,
    String os,
    String jdk,
    String jvm,
    double maxHeapMb,
    double loadAverageStart,
    double loadAverageEnd) {

  static MachineInfo now(double loadAverageStart) {
    Runtime runtime = Runtime.getRuntime();
    return new MachineInfo(
        runtime.availableProcessors(),
        readCpuModel(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("java.vm.name"),
        Figures.megabytes(runtime.maxMemory()),
        loadAverageStart,
        loadAverage());
  }

  /** The 1-minute load average, or -1 where the OS does not report one. */
  static double loadAverage() {
    return Figures.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2);
  }

  private static String readCpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(cpuinfo)) {
        try (var lines = Files.lines(cpuinfo)) {
          return lines
              .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse("unknown");
        }
      }
    } catch (IOException | RuntimeException e) {
      // The model is informative only.
    }
    return "unknown";
  }
}
