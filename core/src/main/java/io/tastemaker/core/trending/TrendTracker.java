package io.tastemaker.core.trending;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interactions streamed since a trending model was trained, counted per item and window, safe for
 * one writer and many readers. Only the windows a trend can still compare are kept: the newest and
 * the two before it.
 */
public final class TrendTracker {
  private final int items;
  private final long windowSeconds;
  private final ConcurrentHashMap<Long, AtomicIntegerArray> windows = new ConcurrentHashMap<>();
  private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

  TrendTracker(int items, long windowSeconds) {
    this.items = items;
    this.windowSeconds = windowSeconds;
  }

  /** Counts one interaction with an item (its index in the model) at a time in epoch seconds. */
  void record(int item, long epochSeconds) {
    long window = Math.floorDiv(epochSeconds, windowSeconds);
    long latest = newest.accumulateAndGet(window, Math::max);
    if (window < latest - 2) {
      return;
    }
    windows.computeIfAbsent(window, w -> new AtomicIntegerArray(items)).incrementAndGet(item);
    windows.keySet().removeIf(w -> w < latest - 2);
  }

  /** Streamed interactions with an item in a window. */
  int count(long window, int item) {
    AtomicIntegerArray counts = windows.get(window);
    return counts == null ? 0 : counts.get(item);
  }

  /** The newest window an interaction was streamed in; {@code Long.MIN_VALUE} before the first. */
  long newestWindow() {
    return newest.get();
  }
}
