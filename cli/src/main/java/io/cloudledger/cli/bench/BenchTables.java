package io.cloudledger.cli.bench;

import io.cloudledger.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as titled tables, shared by the terminal table and the Markdown of the README's
 * Performance section, so both show the same figures from the same document.
 */
final class BenchTables {
  /** A table with the heading it is printed under. */
  record Section(String title, Table table) {}

  private BenchTables() {}

  static String headline(BenchReport report) {
    BenchSettings s = report.settings();
    StringBuilder line = new StringBuilder();
    for (EstateInfo estate : report.estates()) {
      line.append(
          String.format(
              Locale.ROOT,
              "%s: %d accounts x %d resources = %d resources, %d pages; ",
              estate.provider(),
              estate.accounts(),
              s.resourcesPerAccount(),
              estate.resources(),
              estate.pages()));
    }
    line.append(
        String.format(
            Locale.ROOT,
            "latency %d ms per call, throttling %.0f %%, change %.0f %%, seed %d.",
            s.latencyMillis(),
            s.throttleRate() * 100,
            s.changeFraction() * 100,
            s.seed()));
    return line.toString();
  }

  static List<Section> sections(BenchReport report) {
    List<Section> sections = new ArrayList<>();
    sections.add(new Section("Syncs (one worker, wall clock)", syncs(report)));
    sections.add(new Section("cloudledger vs baseline, same run", comparisons(report)));
    sections.add(new Section("DynamoDB Local and fan-out", storeAndQueue(report)));
    sections.add(new Section("Large account (--large)", large(report)));
    sections.add(new Section("Shared rate budget (--shared-budget)", sharedBudget(report)));
    sections.add(new Section("Function handlers", handlers(report)));
    sections.add(new Section("Jars", jars(report)));
    sections.add(new Section("Targets", targets(report)));
    sections.add(new Section("Machine", machine(report)));
    return sections;
  }

  private static Table syncs(BenchReport report) {
    Table.Builder table =
        Table.withColumns(
            "scenario",
            "provider",
            "implementation",
            "resources",
            "seconds",
            "resources/s",
            "API calls",
            "pages",
            "calls/page",
            "calls/1000 res",
            "items written",
            "written %",
            "WCU",
            "faults",
            "failed");
    for (SyncMeasurement m : report.syncs()) {
      table.row(
          m.scenario(),
          m.provider(),
          m.implementation(),
          m.resources(),
          num(m.seconds(), 2),
          num(m.resourcesPerSecond(), 0),
          m.apiCalls(),
          m.pages(),
          num(m.callsPerPage(), 2),
          num(m.callsPer1000Resources(), 0),
          m.itemsWritten(),
          num(m.itemsWrittenPercent(), 1),
          num(m.writeUnits(), 0),
          m.injectedFaults(),
          m.failedAccounts());
    }
    return table.build();
  }

  private static Table comparisons(BenchReport report) {
    Table.Builder table =
        Table.withColumns(
            "scenario",
            "provider",
            "speed (x baseline)",
            "API calls: cloudledger / baseline",
            "fewer calls (x)",
            "WCU: cloudledger / baseline",
            "fewer WCU (x)");
    for (Comparison c : report.comparisons()) {
      table.row(
          c.scenario(),
          c.provider(),
          num(c.speedup(), 1),
          c.optimizedApiCalls() + " / " + c.baselineApiCalls(),
          num(c.apiCallRatio(), 1),
          num(c.optimizedWriteUnits(), 0) + " / " + num(c.baselineWriteUnits(), 0),
          c.optimizedWriteUnits() == 0 ? "no writes" : num(c.writeUnitRatio(), 1));
    }
    return table.build();
  }

  private static Table storeAndQueue(BenchReport report) {
    Table.Builder table = Table.withColumns("what", "items", "seconds", "per second", "notes");
    StoreCeiling ceiling = report.storeCeiling();
    if (ceiling != null) {
      String relative =
          report.syncs().stream()
              .filter(s -> s.scenario().equals("first-sync"))
              .filter(s -> s.implementation().equals(SyncImplementation.OPTIMIZED))
              .findFirst()
              .map(
                  s ->
                      String.format(
                          Locale.ROOT,
                          "; first sync wrote %.0f items/s = %.0f %% of it",
                          Figures.ratio(s.itemsWritten(), s.seconds()),
                          100
                              * Figures.ratio(
                                  Figures.ratio(s.itemsWritten(), s.seconds()),
                                  ceiling.itemsPerSecond())))
              .orElse("");
      table.row(
          "store write ceiling",
          ceiling.items(),
          num(ceiling.seconds(), 2),
          num(ceiling.itemsPerSecond(), 0),
          ceiling.store() + ", " + num(ceiling.writeUnits(), 0) + " WCU" + relative);
    }
    FanOutMeasurement fanOut = report.fanOut();
    if (fanOut == null) {
      table.row("fan-out", "-", "-", "-", "not run");
    } else {
      table.row(
          "fan-out dispatch",
          fanOut.messages(),
          num(fanOut.seconds(), 2),
          num(fanOut.messagesPerSecond(), 0),
          fanOut.queue()
              + ", batches of "
              + fanOut.batchSize()
              + ", "
              + fanOut.consumers()
              + " consumers");
    }
    return table.build();
  }

  private static Table large(BenchReport report) {
    LargeAccountMeasurement l = report.largeAccount();
    Table.Builder table =
        Table.withColumns(
            "resources",
            "seconds",
            "resources/s",
            "live heap before (MB)",
            "peak live heap (MB)",
            "account held at once (MB)",
            "copies of the account held",
            "peak heap used (MB)",
            "allocated (MB)",
            "allocated bytes/resource",
            "notes");
    if (!l.ran()) {
      table.row("-", "-", "-", "-", "-", "-", "-", "-", "-", "-", l.note());
    } else {
      table.row(
          l.resources(),
          num(l.seconds(), 1),
          num(l.resourcesPerSecond(), 0),
          num(l.heapBeforeMb(), 0),
          num(l.peakLiveHeapMb(), 0),
          num(l.accountInMemoryMb(), 0),
          num(l.accountCopiesHeld(), 2),
          num(l.peakHeapUsedMb(), 0),
          num(l.allocatedMb(), 0),
          l.allocatedBytesPerResource(),
          l.note());
    }
    return table.build();
  }

  private static Table sharedBudget(BenchReport report) {
    SharedBudgetMeasurement b = report.sharedBudget();
    Table.Builder table =
        Table.withColumns(
            "workers on one account",
            "sandbox limit (EC2 calls/s)",
            "budget",
            "seconds",
            "EC2 calls",
            "peak calls/s",
            "throttled",
            "failed syncs",
            "notes");
    if (b == null || !b.ran()) {
      table.row("-", "-", "-", "-", "-", "-", "-", "-", b == null ? "not run" : b.note());
    } else {
      table.row(
          b.workers(),
          b.limitPerSecond(),
          "none",
          num(b.secondsWithout(), 1),
          b.callsWithout(),
          b.peakWithout(),
          b.throttledWithout(),
          b.failedWithout(),
          b.resources() + " resources per sync");
      table.row(
          b.workers(),
          b.limitPerSecond(),
          "shared " + b.budget(),
          num(b.secondsWith(), 1),
          b.callsWith(),
          b.peakWith(),
          b.throttledWith(),
          b.failedWith(),
          b.note());
    }
    return table.build();
  }

  private static Table handlers(BenchReport report) {
    Table.Builder table = Table.withColumns("handler", "init (ms)", "first event (ms)", "notes");
    for (HandlerInit h : report.handlers()) {
      table.row(
          h.handler(),
          h.available() ? num(h.initMillis(), 0) : "-",
          h.available() ? num(h.firstEventMillis(), 0) : "-",
          h.note());
    }
    return table.build();
  }

  private static Table jars(BenchReport report) {
    Table.Builder table = Table.withColumns("module", "jar", "MB");
    for (JarSize jar : report.jars()) {
      table.row(
          jar.module(),
          jar.built() ? jar.file() : "not built",
          jar.built() ? num(jar.megabytes(), 1) : "-");
    }
    return table.build();
  }

  private static Table targets(BenchReport report) {
    Table.Builder table = Table.withColumns("target", "goal", "measured", "status");
    for (TargetCheck t : report.targets()) {
      table.row(t.target(), t.goal(), t.measured(), t.status());
    }
    return table.build();
  }

  private static Table machine(BenchReport report) {
    MachineInfo m = report.machine();
    return Table.withColumns("cpus", "cpu", "os", "jdk", "max heap (MB)", "load at start / end")
        .row(
            m.cpus(),
            m.cpuModel(),
            m.os(),
            m.jdk() + ", " + m.jvm(),
            num(m.maxHeapMb(), 0),
            num(m.loadAverageStart(), 2) + " / " + num(m.loadAverageEnd(), 2))
        .build();
  }

  static String num(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
