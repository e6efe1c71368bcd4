package io.tastemaker.core.model;

import java.util.Arrays;

/**
 * A user's interactions as a model sees them: item indices and times, oldest first, and where a
 * session is known to start (streamed events carry a session id; imported ones split by time alone).
 *
 * @param items item indices in the model's catalogue
 * @param timestamps epoch seconds, one per item
 * @param sessionStarts whether a new session starts at each position whatever the time gap
 */
public record History(int[] items, long[] timestamps, boolean[] sessionStarts) {
  public static final History EMPTY = new History(new int[0], new long[0]);

  public History {
    if (items.length != timestamps.length || items.length != sessionStarts.length) {
      throw new IllegalArgumentException(
          "a history has " + items.length + " items but " + timestamps.length + " timestamps and " + sessionStarts.length + " session marks");
    }
    items = items.clone();
    timestamps = timestamps.clone();
    sessionStarts = sessionStarts.clone();
  }

  /** A history whose sessions split by time gaps alone. */
  public History(int[] items, long[] timestamps) {
    this(items, timestamps, new boolean[items.length]);
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

  @Override
  public boolean[] sessionStarts() {
    return sessionStarts.clone();
  }

  /** The item at position {@code i}, without copying. */
  public int item(int i) {
    return items[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  /** Whether position {@code i} is known to start a new session. */
  public boolean startsSession(int i) {
    return sessionStarts[i];
  }

  /** This history followed by one more interaction. */
  public History append(int item, long timestamp) {
    int[] i = Arrays.copyOf(items, items.length + 1);
    long[] t = Arrays.copyOf(timestamps, timestamps.length + 1);
    i[items.length] = item;
    t[items.length] = timestamp;
    return new History(i, t, Arrays.copyOf(sessionStarts, sessionStarts.length + 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History h && Arrays.equals(items, h.items) && Arrays.equals(timestamps, h.timestamps) && Arrays.equals(sessionStarts, h.sessionStarts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(items) + Arrays.hashCode(timestamps)) + Arrays.hashCode(sessionStarts);
  }

  @Override
  public String toString() {
    return "History" + Arrays.toString(items);
  }
}
