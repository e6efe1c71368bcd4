package io.tastemaker.core.transformer;

/**
 * Adam for the item tables (embeddings and output biases), updating only the rows a step touched
 * ("lazy" Adam, as sparse embedding optimisers do): a step costs what it touched, not the catalogue.
 * A touched embedding row also shrinks by the rate times the weight decay, apart from Adam's
 * scaled step (decoupled weight decay, Loshchilov and Hutter, ICLR 2019); the biases do not.
 */
final class SparseAdam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float[][] embedding;
  private final float weightDecay;
  private final float[] bias;
  private final float[][] m;
  private final float[][] v;
  private final float[] mb;
  private final float[] vb;
  /** The gradient of the touched rows, zeroed after each step. */
  final float[][] gradient;
  final float[] biasGradient;
  private final boolean[] touched;
  private int[] touchedRows;
  private int touchedCount;
  private int step;

  /** @param weightDecay the embedding rows' decoupled weight decay; 0 for none */
  SparseAdam(float[][] embedding, float[] bias, float weightDecay) {
    this.embedding = embedding;
    this.weightDecay = weightDecay;
    this.bias = bias;
    int n = embedding.length;
    int d = n == 0 ? 0 : embedding[0].length;
    m = new float[n][d];
    v = new float[n][d];
    mb = new float[n];
    vb = new float[n];
    gradient = new float[n][d];
    biasGradient = new float[n];
    touched = new boolean[n];
    touchedRows = new int[1024];
  }

  /** Adds to a row's gradient. */
  void add(int item, float[] vector, float biasValue) {
    if (!touched[item]) {
      touched[item] = true;
      if (touchedCount == touchedRows.length) {
        touchedRows = java.util.Arrays.copyOf(touchedRows, touchedCount * 2);
      }
      touchedRows[touchedCount++] = item;
    }
    float[] g = gradient[item];
    for (int j = 0; j < g.length; j++) {
      g[j] += vector[j];
    }
    biasGradient[item] += biasValue;
  }

  /** Updates the touched rows and clears their gradients. */
  void step(float learningRate) {
    step++;
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    float rate = (float) (learningRate * Math.sqrt(c2) / c1);
    float eps = (float) (EPSILON * Math.sqrt(c2));
    float shrink = 1 - learningRate * weightDecay;
    for (int r = 0; r < touchedCount; r++) {
      int i = touchedRows[r];
      float[] p = embedding[i];
      float[] g = gradient[i];
      float[] mi = m[i];
      float[] vi = v[i];
      for (int j = 0; j < p.length; j++) {
        float gj = g[j];
        mi[j] = BETA1 * mi[j] + (1 - BETA1) * gj;
        vi[j] = BETA2 * vi[j] + (1 - BETA2) * gj * gj;
        p[j] = p[j] * shrink - rate * mi[j] / ((float) Math.sqrt(vi[j]) + eps);
        g[j] = 0f;
      }
      float gb = biasGradient[i];
      mb[i] = BETA1 * mb[i] + (1 - BETA1) * gb;
      vb[i] = BETA2 * vb[i] + (1 - BETA2) * gb * gb;
      bias[i] -= rate * mb[i] / ((float) Math.sqrt(vb[i]) + eps);
      biasGradient[i] = 0f;
      touched[i] = false;
    }
    touchedCount = 0;
  }
}
