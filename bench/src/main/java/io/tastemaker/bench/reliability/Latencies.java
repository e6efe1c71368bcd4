package io.tastemaker.bench.reliability;

import java.util.Arrays;

/** Request latencies of one kind of call, kept whole so percentiles are exact; safe for one writer per instance. */
final class Latencies {
  private long[] nanos = new long[1 << 12];
  private int size;

  synchronized void add(long value) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = value;
  }

  synchronized int count() {
    return size;
  }

  /** The latency at quantile {@code q} in milliseconds (nearest rank), 0 when there is none. */
  synchronized double millisAt(double q) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    return sorted[(int) Math.min(size - 1, Math.ceil(q * size) - 1)] / 1e6;
  }
}
