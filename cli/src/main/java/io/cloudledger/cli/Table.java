package io.cloudledger.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's tabular result: column names and rows of display strings, printable as an aligned
 * table, CSV or a JSON array of objects.
 */
public record Table(List<String> columns, List<List<String>> rows) {
  public Table {
    columns = List.copyOf(columns);
    List<List<String>> copied = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " cells but the table has " + columns.size() + " columns");
      }
      copied.add(List.copyOf(row));
    }
    rows = List.copyOf(copied);
  }

  /** Starts a table with the given columns. */
  public static Builder withColumns(String... columns) {
    return new Builder(List.of(columns));
  }

  /** Collects rows for a {@link Table}. */
  public static final class Builder {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(List<String> columns) {
      this.columns = columns;
    }

    public Builder row(Object... cells) {
      List<String> row = new ArrayList<>(cells.length);
      for (Object cell : cells) {
        row.add(cell == null ? "" : cell.toString());
      }
      rows.add(row);
      return this;
    }

    public Table build() {
      return new Table(columns, rows);
    }
  }
}
