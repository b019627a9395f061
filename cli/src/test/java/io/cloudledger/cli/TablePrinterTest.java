package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {
  private final Table table =
      Table.withColumns("name", "note").row("a", "plain").row("bb", "has, comma \"q\"").build();

  private String render(OutputFormat format) {
    StringWriter out = new StringWriter();
    TablePrinter.print(new PrintWriter(out), format, table);
    return out.toString();
  }

  @Test
  void table_alignsColumns() {
    assertThat(render(OutputFormat.TABLE).lines().toList())
        .containsExactly("name  note", "a     plain", "bb    has, comma \"q\"");
  }

  @Test
  void csv_quotesCellsWithCommasAndQuotes() {
    assertThat(render(OutputFormat.CSV))
        .isEqualTo("name,note\r\na,plain\r\nbb,\"has, comma \"\"q\"\"\"\r\n");
  }

  @Test
  void json_isOneArrayOfObjects() throws Exception {
    JsonNode json = TablePrinter.JSON.readTree(render(OutputFormat.JSON));

    assertThat(json.isArray()).isTrue();
    assertThat(json.get(1).get("note").asText()).isEqualTo("has, comma \"q\"");
  }

  @Test
  void rowWithWrongWidth_isRejected() {
    assertThatThrownBy(() -> new Table(List.of("a", "b"), List.of(List.of("1"))))
        .hasMessageContaining("1 cells")
        .hasMessageContaining("2 columns");
  }
}
