package io.cloudledger.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cost of one currency over a window, for reports: the total, a total per group (service,
 * account or provider), the per-day series with each day's groups, the top services and the change
 * of the last day against the one before. Sums are exact; only percentages are rounded.
 */
public record CostSummary(
    String currency,
    CostWindow window,
    CostGrouping grouping,
    BigDecimal total,
    long rows,
    long estimatedRows,
    List<GroupTotal> groups,
    List<DayTotal> days,
    List<GroupTotal> topServices,
    Optional<DayChange> dayOverDay) {

  /** How many services {@link #topServices()} lists. */
  public static final int TOP_SERVICES = 10;

  /** One group's total. */
  public record GroupTotal(String name, BigDecimal total) {}

  /** One day's total and its total per group (groups in name order). */
  public record DayTotal(LocalDate date, BigDecimal total, Map<String, BigDecimal> byGroup) {
    public DayTotal {
      byGroup = java.util.Collections.unmodifiableMap(new TreeMap<>(byGroup));
    }
  }

  /**
   * The last day of the window against the day before it.
   *
   * @param percent rounded to one decimal; empty when the day before cost nothing
   */
  public record DayChange(
      LocalDate day,
      BigDecimal total,
      BigDecimal previous,
      BigDecimal change,
      Optional<BigDecimal> percent) {}

  public CostSummary {
    groups = List.copyOf(groups);
    days = List.copyOf(days);
    topServices = List.copyOf(topServices);
  }

  /**
   * One summary per currency found in {@code rows} (in currency order); rows outside are ignored.
   */
  public static List<CostSummary> of(List<CostRow> rows, CostWindow window, CostGrouping grouping) {
    Map<String, List<CostRow>> byCurrency =
        rows.stream()
            .filter(r -> window.contains(r.date()))
            .collect(Collectors.groupingBy(CostRow::currency, TreeMap::new, Collectors.toList()));
    List<CostSummary> summaries = new ArrayList<>();
    byCurrency.forEach(
        (currency, list) -> summaries.add(summarize(currency, list, window, grouping)));
    return List.copyOf(summaries);
  }

  private static CostSummary summarize(
      String currency, List<CostRow> rows, CostWindow window, CostGrouping grouping) {
    BigDecimal total = BigDecimal.ZERO;
    Map<String, BigDecimal> groupTotals = new TreeMap<>();
    Map<String, BigDecimal> serviceTotals = new TreeMap<>();
    Map<LocalDate, Map<String, BigDecimal>> perDay = new TreeMap<>();
    long estimated = 0;
    for (CostRow row : rows) {
      total = total.add(row.amount());
      groupTotals.merge(grouping.groupOf(row), row.amount(), BigDecimal::add);
      serviceTotals.merge(row.service(), row.amount(), BigDecimal::add);
      perDay
          .computeIfAbsent(row.date(), d -> new TreeMap<>())
          .merge(grouping.groupOf(row), row.amount(), BigDecimal::add);
      if (row.estimated()) {
        estimated++;
      }
    }
    List<DayTotal> days = new ArrayList<>();
    // Every day of the window appears, a day without rows as zero, so charts have no gaps.
    for (LocalDate day = window.start(); day.isBefore(window.end()); day = day.plusDays(1)) {
      Map<String, BigDecimal> groups = perDay.getOrDefault(day, Map.of());
      BigDecimal dayTotal =
          CostRow.normalize(groups.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
      days.add(new DayTotal(day, dayTotal, groups));
    }
    return new CostSummary(
        currency,
        window,
        grouping,
        CostRow.normalize(total),
        rows.size(),
        estimated,
        ranked(groupTotals, Integer.MAX_VALUE),
        days,
        ranked(serviceTotals, TOP_SERVICES),
        dayOverDay(days));
  }

  private static List<GroupTotal> ranked(Map<String, BigDecimal> totals, int limit) {
    return totals.entrySet().stream()
        .map(e -> new GroupTotal(e.getKey(), CostRow.normalize(e.getValue())))
        .sorted(Comparator.comparing(GroupTotal::total).reversed().thenComparing(GroupTotal::name))
        .limit(limit)
        .toList();
  }

  private static Optional<DayChange> dayOverDay(List<DayTotal> days) {
    if (days.size() < 2) {
      return Optional.empty();
    }
    DayTotal last = days.get(days.size() - 1);
    DayTotal previous = days.get(days.size() - 2);
    BigDecimal change = last.total().subtract(previous.total());
    Optional<BigDecimal> percent =
        previous.total().signum() == 0
            ? Optional.empty()
            : Optional.of(
                change
                    .multiply(BigDecimal.valueOf(100))
                    .divide(previous.total(), 1, RoundingMode.HALF_UP));
    return Optional.of(
        new DayChange(
            last.date(), last.total(), previous.total(), CostRow.normalize(change), percent));
  }

  /** The groups' per-day series, in {@link #groups()} order: for stacked or multi-line charts. */
  public Map<String, List<BigDecimal>> seriesByGroup() {
    Map<String, List<BigDecimal>> series = new LinkedHashMap<>();
    for (GroupTotal group : groups) {
      series.put(
          group.name(),
          days.stream().map(d -> d.byGroup().getOrDefault(group.name(), BigDecimal.ZERO)).toList());
    }
    return series;
  }
}
