package io.tastemaker.core.sims;

import java.util.Arrays;

/** Symmetric counts of how many users interacted with both items of a pair. */
abstract class CoCounts {
  /** Receives one neighbour and its count. */
  interface Visitor {
    void visit(int item, int count);
  }

  abstract void add(int a, int b);

  abstract void forEachNeighbour(int item, Visitor visitor);

  /** An items x items matrix, for catalogues where it fits. */
  static final class Dense extends CoCounts {
    private final int[][] counts;

    Dense(int items) {
      counts = new int[items][items];
    }

    @Override
    void add(int a, int b) {
      counts[a][b]++;
      counts[b][a]++;
    }

    @Override
    void forEachNeighbour(int item, Visitor visitor) {
      int[] row = counts[item];
      for (int j = 0; j < row.length; j++) {
        if (row[j] > 0) {
          visitor.visit(j, row[j]);
        }
      }
    }
  }

  /** An open-addressing map of counts per item, for large catalogues. */
  static final class Sparse extends CoCounts {
    private final int[][] keys;
    private final int[][] values;
    private final int[] sizes;

    Sparse(int items) {
      keys = new int[items][];
      values = new int[items][];
      sizes = new int[items];
      for (int i = 0; i < items; i++) {
        keys[i] = new int[8];
        Arrays.fill(keys[i], -1);
        values[i] = new int[8];
      }
    }

    @Override
    void add(int a, int b) {
      increment(a, b);
      increment(b, a);
    }

    private void increment(int item, int other) {
      int[] k = keys[item];
      int mask = k.length - 1;
      int slot = (other * 0x9E3779B9) >>> 1 & mask;
      while (k[slot] != -1 && k[slot] != other) {
        slot = (slot + 1) & mask;
      }
      if (k[slot] == other) {
        values[item][slot]++;
        return;
      }
      k[slot] = other;
      values[item][slot] = 1;
      if (++sizes[item] * 2 > k.length) {
        grow(item);
      }
    }

    private void grow(int item) {
      int[] oldKeys = keys[item];
      int[] oldValues = values[item];
      int[] k = new int[oldKeys.length * 2];
      int[] v = new int[k.length];
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
        }
      }
      keys[item] = k;
      values[item] = v;
    }

    @Override
    void forEachNeighbour(int item, Visitor visitor) {
      int[] k = keys[item];
      for (int s = 0; s < k.length; s++) {
        if (k[s] >= 0) {
          visitor.visit(k[s], values[item][s]);
        }
      }
    }
  }
}
