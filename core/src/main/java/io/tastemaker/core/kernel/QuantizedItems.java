package io.tastemaker.core.kernel;

import java.util.Arrays;

/**
 * An item table in 8 bits a value, for a first pass over a large catalogue that reads a quarter of
 * the float table's bytes: item i's vector {@code e_i} is stored as {@code q_i} with {@code e_i ~
 * s_i q_i}, {@code s_i = max_p |e_ip| / 127} and {@code q_ip = round(e_ip / s_i)}, transposed
 * ({@code dim x items}) so the dot products run over many items at once; the biases stay floats.
 *
 * <p>Each value is off by at most {@code s_i / 2}, so an approximate logit {@code b_i + s_i (h .
 * q_i)} is within {@code s_i ||h||_1 / 2} of the exact {@code b_i + h . e_i}. {@link #maxError}
 * bounds that over every item and adds the rounding of both float computations: each is a sum of
 * under a hundred float operations on terms of at most {@code |b_i|} and {@code 127 s_i ||h||_1},
 * so off by less than {@code 1e-5} of those.
 */
public final class QuantizedItems {
  /**
   * Items per tile: a tile's sums (256 KB) stay in L2 while the dimensions pass over them, and each
   * byte row is read in 64 KB runs (4 KB runs, one page, took 50% longer at a million items).
   */
  private static final int TILE = 65_536;
  private static final float ROUNDING = 1e-5f;

  private final byte[][] valuesT;
  private final float[] scales;
  private final float[] bias;
  private final float maxScale;
  private final float maxAbsBias;

  private QuantizedItems(byte[][] valuesT, float[] scales, float[] bias) {
    this.valuesT = valuesT;
    this.scales = scales;
    this.bias = bias;
    float s = 0;
    for (float v : scales) {
      s = Math.max(s, v);
    }
    float b = 0;
    for (float v : bias) {
      b = Math.max(b, Math.abs(v));
    }
    this.maxScale = s;
    this.maxAbsBias = b;
  }

  /** The quantized table of {@code vectors} ({@code items x dim}) with their biases. */
  public static QuantizedItems of(float[][] vectors, float[] bias, int dim) {
    int items = vectors.length;
    if (bias.length < items) {
      throw new IllegalArgumentException("a quantized table of " + items + " items needs as many biases, got " + bias.length);
    }
    byte[][] valuesT = new byte[dim][items];
    float[] scales = new float[items];
    for (int i = 0; i < items; i++) {
      float[] e = vectors[i];
      float max = 0;
      for (int p = 0; p < dim; p++) {
        max = Math.max(max, Math.abs(e[p]));
      }
      float scale = max / 127f;
      scales[i] = scale;
      if (scale == 0) {
        continue;
      }
      for (int p = 0; p < dim; p++) {
        valuesT[p][i] = (byte) Math.max(-127, Math.min(127, Math.round(e[p] / scale)));
      }
    }
    return new QuantizedItems(valuesT, scales, Arrays.copyOf(bias, items));
  }

  public int items() {
    return scales.length;
  }

  public int dimension() {
    return valuesT.length;
  }

  /** The bytes the table holds: one a value, and a float scale and bias an item. */
  public long bytes() {
    return (long) scales.length * (valuesT.length + 2L * Float.BYTES);
  }

  /**
   * {@code out[v][i] = b_i + s_i (users[v] . q_i)} for rows v in [0, count) and every item, each
   * within {@link #maxError} of the exact logit; tile by tile, so the table is read once for all
   * rows. Returns each row's largest logit.
   */
  public float[] logits(float[][] users, int count, float[][] out) {
    int n = scales.length;
    for (int v = 0; v < count; v++) {
      if (users[v].length != valuesT.length || out[v].length < n) {
        throw new IllegalArgumentException("quantized logits: a " + valuesT.length + "-dimensional table of " + n + " items, got a vector of "
            + users[v].length + " and " + out[v].length + " outputs");
      }
    }
    float[] max = new float[count];
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int from = 0; from < n; from += TILE) {
      int to = Math.min(n, from + TILE);
      for (int v = 0; v < count; v++) {
        Arrays.fill(out[v], from, to, 0f);
      }
      Gemm.addQuantized(users, count, valuesT, out, from, to);
      for (int v = 0; v < count; v++) {
        float[] row = out[v];
        float m = max[v];
        for (int i = from; i < to; i++) {
          float logit = bias[i] + scales[i] * row[i];
          row[i] = logit;
          m = logit > m ? logit : m;
        }
        max[v] = m;
      }
    }
    return max;
  }

  /** A bound on {@code |approximate - exact|} of every item's logit for the user vector h. */
  public float maxError(float[] h) {
    float l1 = 0;
    for (float v : h) {
      l1 += Math.abs(v);
    }
    float dot = 127f * maxScale * l1;
    return maxScale * l1 / 2 + ROUNDING * (maxAbsBias + dot + 1f);
  }
}
