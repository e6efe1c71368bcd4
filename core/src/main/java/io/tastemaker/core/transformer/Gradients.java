package io.tastemaker.core.transformer;

import java.util.Arrays;
import java.util.List;

/**
 * One shard's gradients: dense tensors in {@link TransformerWeights#dense()} order, and the item
 * rows it touched as a list of contributions (an item, a vector for its embedding and a value for
 * its output bias), which are summed into the sparse tables in a fixed order.
 */
final class Gradients {
  final List<float[][]> dense;
  private final int dim;
  int[] rowItems = new int[256];
  float[][] rowVectors = new float[256][];
  float[] rowBiases = new float[256];
  int rows;

  Gradients(TransformerWeights w) {
    this.dense = w.zeroDense();
    this.dim = w.dim;
  }

  /** The gradient of dense tensor {@code t}. */
  float[][] tensor(int t) {
    return dense.get(t);
  }

  /** Adds a contribution to an item's embedding (a copy of {@code vector}) and output bias. */
  void addRow(int item, float[] vector, float bias) {
    if (rows == rowItems.length) {
      rowItems = Arrays.copyOf(rowItems, rows * 2);
      rowVectors = Arrays.copyOf(rowVectors, rows * 2);
      rowBiases = Arrays.copyOf(rowBiases, rows * 2);
    }
    rowItems[rows] = item;
    rowVectors[rows] = vector == null ? new float[dim] : vector.clone();
    rowBiases[rows] = bias;
    rows++;
  }

  void clear() {
    for (float[][] t : dense) {
      for (float[] row : t) {
        Arrays.fill(row, 0f);
      }
    }
    Arrays.fill(rowVectors, 0, rows, null);
    rows = 0;
  }
}
