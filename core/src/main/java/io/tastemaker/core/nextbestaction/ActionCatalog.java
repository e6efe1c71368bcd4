package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions of an Actions dataset with what serving needs of each: its VALUE (ties go to the
 * greater), its EXPIRATION_TIMESTAMP (never recommended from then on) and its REPEAT_FREQUENCY in
 * days (not recommended again to a user who took it within that many days).
 */
public final class ActionCatalog {
  /** No expiration. */
  public static final long NEVER = Long.MAX_VALUE;
  public static final ActionCatalog EMPTY = new ActionCatalog(List.of(), new double[0], new long[0], new int[0]);

  private final List<String> ids;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final double[] values;
  private final long[] expirations;
  private final int[] repeatDays;

  /**
   * @param values each action's VALUE, 0 without one
   * @param expirations each action's EXPIRATION_TIMESTAMP in epoch seconds, {@link #NEVER} without one
   * @param repeatDays each action's REPEAT_FREQUENCY in days, 0 without one
   */
  public ActionCatalog(List<String> ids, double[] values, long[] expirations, int[] repeatDays) {
    if (values.length != ids.size() || expirations.length != ids.size() || repeatDays.length != ids.size()) {
      throw new IllegalArgumentException("one value, expiration and repeat frequency per action are needed, for " + ids.size() + " actions");
    }
    this.ids = List.copyOf(ids);
    for (int a = 0; a < this.ids.size(); a++) {
      if (index.put(this.ids.get(a), a) != null) {
        throw new IllegalArgumentException("action " + this.ids.get(a) + " is listed twice");
      }
    }
    this.values = values.clone();
    this.expirations = expirations.clone();
    this.repeatDays = repeatDays.clone();
  }

  /**
   * The actions of imported segments, then of put records (field name to text), a later row of an
   * id replacing an earlier one, as PutActions replaces an imported action.
   */
  public static ActionCatalog of(List<Segment> segments, Map<String, Map<String, String>> put) {
    Map<String, double[]> byId = new LinkedHashMap<>();
    for (Segment s : segments) {
      StringColumn ids = s.strings("ACTION_ID");
      Optional<Column> value = s.column("VALUE");
      Optional<Column> expiration = s.column("EXPIRATION_TIMESTAMP");
      Optional<Column> repeat = s.column("REPEAT_FREQUENCY");
      for (int row = 0; row < s.rows(); row++) {
        byId.remove(ids.value(row));
        byId.put(ids.value(row), new double[] {number(value, row, 0), number(expiration, row, Double.NaN), number(repeat, row, 0)});
      }
    }
    for (Map.Entry<String, Map<String, String>> record : put.entrySet()) {
      Map<String, String> fields = record.getValue();
      byId.remove(record.getKey());
      byId.put(record.getKey(), new double[] {parse(fields.get("VALUE"), 0), parse(fields.get("EXPIRATION_TIMESTAMP"), Double.NaN), parse(fields.get("REPEAT_FREQUENCY"), 0)});
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    double[] values = new double[ids.size()];
    long[] expirations = new long[ids.size()];
    int[] repeat = new int[ids.size()];
    for (int a = 0; a < ids.size(); a++) {
      double[] v = byId.get(ids.get(a));
      values[a] = v[0];
      expirations[a] = Double.isNaN(v[1]) ? NEVER : (long) v[1];
      // The guide allows at most 30 days; imports are not refused for more, so it is capped here.
      repeat[a] = (int) Math.max(0, Math.min(30, v[2]));
    }
    return new ActionCatalog(ids, values, expirations, repeat);
  }

  private static double number(Optional<Column> column, int row, double absent) {
    if (column.isPresent() && column.get() instanceof LongColumn l && !l.isNull(row)) {
      return l.value(row);
    }
    if (column.isPresent() && column.get() instanceof DoubleColumn d && !d.isNull(row)) {
      return d.value(row);
    }
    return absent;
  }

  private static double parse(String text, double absent) {
    return text == null ? absent : Double.parseDouble(text);
  }

  public int size() {
    return ids.size();
  }

  public List<String> ids() {
    return ids;
  }

  public String id(int action) {
    return ids.get(action);
  }

  /** The index of an action id, -1 for an unknown one. */
  public int indexOf(String id) {
    return index.getOrDefault(id, -1);
  }

  public double value(int action) {
    return values[action];
  }

  public long expiration(int action) {
    return expirations[action];
  }

  public int repeatDays(int action) {
    return repeatDays[action];
  }

  double[] values() {
    return values.clone();
  }

  long[] expirations() {
    return expirations.clone();
  }

  int[] repeatDays() {
    return repeatDays.clone();
  }

  @Override
  public String toString() {
    return "ActionCatalog" + ids + Arrays.toString(values);
  }
}
