package io.tastemaker.core.cooccurrence;

import java.util.Arrays;

/**
 * Counts of unordered item pairs in an open-addressing table of {@code long} keys, so that counting
 * allocates nothing per pair. Each pair is kept once, smaller index first.
 */
final class PairCounts {
  private static final long EMPTY = -1L;

  private long[] keys = new long[1024];
  private int[] counts = new int[1024];
  private int size;

  PairCounts() {
    Arrays.fill(keys, EMPTY);
  }

  /** Adds one to the count of the pair {a, b}, a != b. */
  void add(int a, int b) {
    assert a != b : "a pair of one item " + a;
    long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    int mask = keys.length - 1;
    int slot = slot(key, mask);
    while (keys[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == key) {
      counts[slot]++;
      return;
    }
    keys[slot] = key;
    counts[slot] = 1;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  int size() {
    return size;
  }

  /** Receives each pair once with its count. */
  interface Visitor {
    void visit(int a, int b, int count);
  }

  void forEach(Visitor visitor) {
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != EMPTY) {
        visitor.visit((int) (keys[s] >>> 32), (int) keys[s], counts[s]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new int[keys.length];
    Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != EMPTY) {
        int slot = slot(oldKeys[s], mask);
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[s];
        counts[slot] = oldCounts[s];
      }
    }
  }
}
