package io.cloudledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/** Prints {@link Table}s and JSON documents in the format the user asked for. */
public final class TablePrinter {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules();

  private TablePrinter() {}

  public static void print(PrintWriter out, OutputFormat format, Table table) {
    switch (format) {
      case TABLE -> printAligned(out, table);
      case CSV -> printCsv(out, table);
      case JSON -> printJson(out, toJson(table));
    }
    out.flush();
  }

  /** Prints any value as one JSON document (records and maps serialize as objects). */
  public static void printJson(PrintWriter out, Object document) {
    try {
      out.println(JSON.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the result as JSON: " + e.getMessage(), e);
    }
    out.flush();
  }

  static ArrayNode toJson(Table table) {
    ArrayNode array = JSON.createArrayNode();
    for (List<String> row : table.rows()) {
      ObjectNode object = array.addObject();
      for (int i = 0; i < table.columns().size(); i++) {
        object.put(table.columns().get(i), row.get(i));
      }
    }
    return array;
  }

  private static void printAligned(PrintWriter out, Table table) {
    int[] widths = new int[table.columns().size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = table.columns().get(i).length();
      for (List<String> row : table.rows()) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printAlignedRow(out, table.columns(), widths);
    for (List<String> row : table.rows()) {
      printAlignedRow(out, row, widths);
    }
  }

  private static void printAlignedRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    out.println(line);
  }

  private static void printCsv(PrintWriter out, Table table) {
    out.print(csvLine(table.columns()));
    for (List<String> row : table.rows()) {
      out.print(csvLine(row));
    }
  }

  /** RFC 4180: quote cells holding a comma, quote or line break; double inner quotes. */
  static String csvLine(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String cell = cells.get(i);
      if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
        line.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        line.append(cell);
      }
    }
    return line.append("\r\n").toString();
  }
}
