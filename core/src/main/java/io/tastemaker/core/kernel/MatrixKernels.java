package io.tastemaker.core.kernel;

/**
 * The matrix products behind {@link Gemm}, as a service: a portable implementation ships in core,
 * and a faster one (Java's Vector API) may be plugged in through {@link java.util.ServiceLoader}.
 */
public interface MatrixKernels {
  /** {@code C[i] (+)= sum_p A[i][p] * B[p]} for rows i in [from, to); see {@link Gemm#ab}. */
  void ab(float[][] a, float[][] b, float[][] c, int k, int m, int from, int to, boolean accumulate);

  /** {@code C[p] += sum_i A[i][p] * B[i]} for rows p in [from, to); see {@link Gemm#atbAccumulate}. */
  void atbAccumulate(float[][] a, float[][] b, float[][] c, int n, int m, int from, int to);

  /**
   * {@code acc[v][j] += sum_p users[v][p] * q[p][j]} for rows v in [0, count) and j in [from, to):
   * an 8-bit item table's dot products before their scales; see {@link QuantizedItems}.
   */
  void addQuantized(float[][] users, int count, byte[][] q, float[][] acc, int from, int to);

  /** Whether {@link #panelLogits} beats {@link Logits}' tiled pass here, so that {@link PanelItems} packs its table. */
  boolean panels();

  /**
   * {@code out[u][i] = bias[i] + users[u] . e_i} for rows u in [0, count) and the items of panels
   * [fromPanel, toPanel) of a {@link PanelItems} table ({@code panels}, {@code dim} floats an item),
   * with {@link Logits}' additions in its order, so its values bit for bit.
   */
  void panelLogits(float[][] users, int count, float[] panels, float[] bias, int dim, float[][] out, int fromPanel, int toPanel);

  /**
   * {@code y[i] = FastMath.expNonPositive(x[i] - shift)} for i in [0, n), each value the scalar
   * function's bit for bit ({@code y} may be {@code x}), and their sum; see {@link Gemm#expShiftedSum}.
   */
  double expShiftedSum(float[] x, float shift, float[] y, int n);

  /** The first i in [from, to) with {@code values[i] >= threshold}, or {@code to}; see {@link Gemm#nextAtLeast}. */
  int nextAtLeast(float[] values, float threshold, int from, int to);

  /** A short name for logs, such as {@code scalar} or {@code vector-512}. */
  String name();
}
