package io.tastemaker.core.model;

import java.util.Arrays;

/**
 * A user's interactions as a model sees them: item indices and times, oldest first.
 *
 * @param items item indices in the model's catalogue
 * @param timestamps epoch seconds, one per item
 */
public record History(int[] items, long[] timestamps) {
  public static final History EMPTY = new History(new int[0], new long[0]);

  public History {
    if (items.length != timestamps.length) {
      throw new IllegalArgumentException("a history has " + items.length + " items but " + timestamps.length + " timestamps");
    }
    items = items.clone();
    timestamps = timestamps.clone();
  }

  public int length() {
    return items.length;
  }

  @Override
  public int[] items() {
    return items.clone();
  }

  @Override
  public long[] timestamps() {
    return timestamps.clone();
  }

  /** The item at position {@code i}, without copying. */
  public int item(int i) {
    return items[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  /** This history followed by one more interaction. */
  public History append(int item, long timestamp) {
    int[] i = Arrays.copyOf(items, items.length + 1);
    long[] t = Arrays.copyOf(timestamps, timestamps.length + 1);
    i[items.length] = item;
    t[items.length] = timestamp;
    return new History(i, t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History h && Arrays.equals(items, h.items) && Arrays.equals(timestamps, h.timestamps);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(items) + Arrays.hashCode(timestamps);
  }

  @Override
  public String toString() {
    return "History" + Arrays.toString(items);
  }
}
