package io.tastemaker.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte range {@code [start, end)} of an input file; it holds the lines that start in it, so that
 * ranges cut anywhere still give every line exactly once (a line's start is byte 0 or the byte
 * after a {@code '\n'}).
 */
record LineRange(String location, long start, long end) implements Serializable {
  /** Cuts a file of {@code size} bytes into {@code count} ranges of about equal size (one for an empty file). */
  static List<LineRange> split(String location, long size, int count) {
    int n = (int) Math.max(1, Math.min(count, size));
    List<LineRange> ranges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ranges.add(new LineRange(location, size * i / n, size * (i + 1) / n));
    }
    return ranges;
  }
}
