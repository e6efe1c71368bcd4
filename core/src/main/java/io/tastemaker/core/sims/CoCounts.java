package io.tastemaker.core.sims;

import java.util.Arrays;

/**
 * Symmetric counts per pair of items: how many users interacted with both, and how many of those
 * interacted with them close together in time.
 */
abstract class CoCounts {
  /** Receives one neighbour, its count of common users and how many of them were close. */
  interface Visitor {
    void visit(int item, int count, int close);
  }

  /** One more user interacted with both items; {@code close} if near each other in their history. */
  abstract void add(int a, int b, boolean close);

  abstract void forEachNeighbour(int item, Visitor visitor);

  /** An items x items matrix, for catalogues where it fits. */
  static final class Dense extends CoCounts {
    private final int[][] counts;
    private final int[][] close;

    Dense(int items) {
      counts = new int[items][items];
      close = new int[items][items];
    }

    @Override
    void add(int a, int b, boolean near) {
      counts[a][b]++;
      counts[b][a]++;
      if (near) {
        close[a][b]++;
        close[b][a]++;
      }
    }

    @Override
    void forEachNeighbour(int item, Visitor visitor) {
      int[] row = counts[item];
      int[] nearRow = close[item];
      for (int j = 0; j < row.length; j++) {
        if (row[j] > 0) {
          visitor.visit(j, row[j], nearRow[j]);
        }
      }
    }
  }

  /** An open-addressing map of counts per item, for large catalogues. */
  static final class Sparse extends CoCounts {
    private final int[][] keys;
    private final int[][] values;
    private final int[][] close;
    private final int[] sizes;

    Sparse(int items) {
      keys = new int[items][];
      values = new int[items][];
      close = new int[items][];
      sizes = new int[items];
      for (int i = 0; i < items; i++) {
        keys[i] = new int[8];
        Arrays.fill(keys[i], -1);
        values[i] = new int[8];
        close[i] = new int[8];
      }
    }

    @Override
    void add(int a, int b, boolean near) {
      increment(a, b, near);
      increment(b, a, near);
    }

    private void increment(int item, int other, boolean near) {
      int[] k = keys[item];
      int mask = k.length - 1;
      int slot = (other * 0x9E3779B9) >>> 1 & mask;
      while (k[slot] != -1 && k[slot] != other) {
        slot = (slot + 1) & mask;
      }
      int n = near ? 1 : 0;
      if (k[slot] == other) {
        values[item][slot]++;
        close[item][slot] += n;
        return;
      }
      k[slot] = other;
      values[item][slot] = 1;
      close[item][slot] = n;
      if (++sizes[item] * 2 > k.length) {
        grow(item);
      }
    }

    private void grow(int item) {
      int[] oldKeys = keys[item];
      int[] oldValues = values[item];
      int[] oldClose = close[item];
      int[] k = new int[oldKeys.length * 2];
      int[] v = new int[k.length];
      int[] c = new int[k.length];
      Arrays.fill(k, -1);
      int mask = k.length - 1;
      for (int s = 0; s < oldKeys.length; s++) {
        if (oldKeys[s] >= 0) {
          int slot = (oldKeys[s] * 0x9E3779B9) >>> 1 & mask;
          while (k[slot] != -1) {
            slot = (slot + 1) & mask;
          }
          k[slot] = oldKeys[s];
          v[slot] = oldValues[s];
          c[slot] = oldClose[s];
        }
      }
      keys[item] = k;
      values[item] = v;
      close[item] = c;
    }

    @Override
    void forEachNeighbour(int item, Visitor visitor) {
      int[] k = keys[item];
      for (int s = 0; s < k.length; s++) {
        if (k[s] >= 0) {
          visitor.visit(k[s], values[item][s], close[item][s]);
        }
      }
    }
  }
}
