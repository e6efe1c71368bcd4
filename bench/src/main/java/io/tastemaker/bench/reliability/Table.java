package io.tastemaker.bench.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A Markdown table, printed when complete, so the figures paste straight into an issue. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell instanceof Long || cell instanceof Integer ? String.format("%,d", cell) : Answer.printable(String.valueOf(cell).replace("|", "\\|")));
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintStream out) {
    out.println("| " + String.join(" | ", header) + " |");
    out.println("|" + "---|".repeat(header.size()));
    for (List<String> row : rows) {
      out.println("| " + String.join(" | ", row) + " |");
    }
    out.println();
  }
}
