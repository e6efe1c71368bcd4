package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.Adam;
import io.tastemaker.core.kernel.TouchedRows;
import java.util.Arrays;
import java.util.List;

/**
 * Adam for the item tables (embeddings and output biases), updating only the rows a step touched
 * (the kernel's lazy {@link Adam}): it gathers the shards' item rows into one gradient table, so a
 * step costs what it touched, not the catalogue. A touched embedding row also shrinks by the rate
 * times the weight decay, apart from Adam's scaled step (decoupled weight decay, Loshchilov and
 * Hutter, ICLR 2019); the biases do not.
 */
final class SparseAdam {
  private static final int EMBEDDING = 0;
  private static final int BIAS = 1;

  private final Adam adam;
  private final List<float[][]> gradients;
  private final List<Adam.Lazy> lazy;
  private final TouchedRows touched;
  /** The gradient of the touched rows, zeroed after each step. */
  final float[][] gradient;
  final float[] biasGradient;

  /** @param weightDecay the embedding rows' decoupled weight decay; 0 for none */
  SparseAdam(float[][] embedding, float[] bias, float weightDecay) {
    int n = embedding.length;
    int d = n == 0 ? 0 : embedding[0].length;
    gradient = new float[n][d];
    biasGradient = new float[n];
    gradients = List.of(gradient, new float[][] {biasGradient});
    touched = new TouchedRows(n);
    lazy = List.of(new Adam.Lazy(EMBEDDING, touched, false), new Adam.Lazy(BIAS, touched, true));
    adam = new Adam(List.of(embedding, new float[][] {bias}), 0.9f, 0.999f, 1e-8f).decoupledDecay(EMBEDDING, weightDecay);
  }

  /** Adds to a row's gradient. */
  void add(int item, float[] vector, float biasValue) {
    touched.add(item);
    float[] g = gradient[item];
    for (int j = 0; j < g.length; j++) {
      g[j] += vector[j];
    }
    biasGradient[item] += biasValue;
  }

  /** Updates the touched rows and clears their gradients. */
  void step(float learningRate) {
    adam.step(gradients, learningRate, lazy);
    for (int k = 0; k < touched.size(); k++) {
      int i = touched.get(k);
      Arrays.fill(gradient[i], 0f);
      biasGradient[i] = 0f;
    }
    touched.clear();
  }
}
