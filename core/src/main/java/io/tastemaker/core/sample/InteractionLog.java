package io.tastemaker.core.sample;

import java.util.Arrays;

/** Interactions as parallel primitive arrays: user, item, event type and timestamp. */
final class InteractionLog {

  private int size;
  private int[] user;
  private int[] item;
  private byte[] event;
  private long[] timestamp;

  InteractionLog(int capacity) {
    user = new int[capacity];
    item = new int[capacity];
    event = new byte[capacity];
    timestamp = new long[capacity];
  }

  void add(int userIndex, int itemIndex, EventType type, long epochSeconds) {
    if (size == user.length) {
      int capacity = Math.max(16, size + (size >> 1));
      user = Arrays.copyOf(user, capacity);
      item = Arrays.copyOf(item, capacity);
      event = Arrays.copyOf(event, capacity);
      timestamp = Arrays.copyOf(timestamp, capacity);
    }
    user[size] = userIndex;
    item[size] = itemIndex;
    event[size] = (byte) type.ordinal();
    timestamp[size] = epochSeconds;
    size++;
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  int user(int i) {
    return user[i];
  }

  int item(int i) {
    return item[i];
  }

  EventType event(int i) {
    return EventType.ofOrdinal(event[i]);
  }

  long timestamp(int i) {
    return timestamp[i];
  }

  /**
   * A copy ordered by timestamp; equal timestamps keep the order they were added in, so the result
   * depends only on the seed.
   */
  InteractionLog sortedByTime(long start) {
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      long offset = timestamp[i] - start;
      assert offset >= 0 && offset < (1L << 31) : "timestamp " + timestamp[i] + " out of range";
      keys[i] = offset << 32 | i;
    }
    Arrays.sort(keys);
    InteractionLog sorted = new InteractionLog(size);
    for (long key : keys) {
      int i = (int) key;
      sorted.add(user[i], item[i], event(i), timestamp[i]);
    }
    return sorted;
  }
}
