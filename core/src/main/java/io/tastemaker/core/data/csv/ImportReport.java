package io.tastemaker.core.data.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an import did with data it could not take as written: rows dropped, values read as null,
 * columns the schema does not name, each counted by reason with the first few places, so that a
 * user sees it in the import job's description and the log.
 */
public final class ImportReport {
  /** How many places each issue lists. */
  public static final int FIRST_PLACES = 5;

  /** What was done with data an import could not take as written. */
  public enum Action {
    ROW_DROPPED("row dropped"),
    VALUE_NULLED("value read as null"),
    VALUE_CONVERTED("value converted"),
    ROW_PADDED("missing values read as empty");

    private final String text;

    Action(String text) {
      this.text = text;
    }

    /** As the job's description says it. */
    public String text() {
      return text;
    }
  }

  /**
   * One reason, with how often it happened and where first.
   *
   * @param action what was done
   * @param reason why, such as {@code YEAR: expected a whole number (int)}
   * @param count how many rows or values
   * @param firstPlaces up to {@link #FIRST_PLACES} places, such as {@code items.csv line 4}
   */
  public record Issue(Action action, String reason, long count, List<String> firstPlaces) {
    public Issue {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
      firstPlaces = List.copyOf(firstPlaces);
    }
  }

  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Set<String> ignoredColumns = new LinkedHashSet<>();
  private long rowsDropped;
  private long valuesNulled;
  private long valuesConverted;

  /** Counts a row left out of the import. */
  void dropped(String source, long line, String reason) {
    rowsDropped++;
    tally(Action.ROW_DROPPED, source, line, reason);
  }

  /** Counts a value imported as null instead. */
  void nulled(String source, long line, String reason) {
    valuesNulled++;
    tally(Action.VALUE_NULLED, source, line, reason);
  }

  /** Counts a value imported in another form, such as milliseconds as seconds. */
  void converted(String source, long line, String reason) {
    valuesConverted++;
    tally(Action.VALUE_CONVERTED, source, line, reason);
  }

  /** Counts a row with fewer values than the header has columns, whose missing values were read as empty. */
  void padded(String source, long line, String reason) {
    tally(Action.ROW_PADDED, source, line, reason);
  }

  /** Notes a header column that names no schema field; its values are not imported. */
  void ignoredColumn(String source, String shownName) {
    ignoredColumns.add(source + ": " + shownName);
  }

  private void tally(Action action, String source, long line, String reason) {
    tallies.computeIfAbsent(action.name() + "\n" + reason, k -> new Tally(action, reason)).add(source + " line " + line);
  }

  public long rowsDropped() {
    return rowsDropped;
  }

  public long valuesNulled() {
    return valuesNulled;
  }

  public long valuesConverted() {
    return valuesConverted;
  }

  /** Columns left out, as {@code file: 'name'}. */
  public List<String> ignoredColumns() {
    return List.copyOf(ignoredColumns);
  }

  /** Every reason in the order first met. */
  public List<Issue> issues() {
    List<Issue> issues = new ArrayList<>();
    tallies.values().forEach(t -> issues.add(new Issue(t.action, t.reason, t.count, t.places)));
    return issues;
  }

  /** Whether every row, value and column was taken as written. */
  public boolean isClean() {
    return tallies.isEmpty() && ignoredColumns.isEmpty();
  }

  /** One line for logs and messages: counts, then each reason with its count and first place. */
  public String summary() {
    if (isClean()) {
      return "every row imported as written";
    }
    List<String> parts = new ArrayList<>();
    parts.add(rowsDropped + (rowsDropped == 1 ? " row" : " rows") + " dropped");
    parts.add(valuesNulled + (valuesNulled == 1 ? " value" : " values") + " read as null");
    if (valuesConverted > 0) {
      parts.add(valuesConverted + (valuesConverted == 1 ? " value" : " values") + " converted");
    }
    if (!ignoredColumns.isEmpty()) {
      parts.add("columns not in the schema ignored: " + String.join(", ", ignoredColumns));
    }
    StringBuilder out = new StringBuilder(String.join(", ", parts));
    for (Tally t : tallies.values()) {
      out.append("; ").append(t.action.text()).append(" ").append(t.count).append("x: ").append(t.reason).append(" (first at ").append(t.places.get(0)).append(')');
    }
    return out.toString();
  }

  private static final class Tally {
    final Action action;
    final String reason;
    final List<String> places = new ArrayList<>();
    long count;

    Tally(Action action, String reason) {
      this.action = action;
      this.reason = reason;
    }

    void add(String place) {
      count++;
      if (places.size() < FIRST_PLACES) {
        places.add(place);
      }
    }
  }
}
