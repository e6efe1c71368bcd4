package io.tastemaker.core.kernel;

/**
 * Matrix products on row arrays ({@code float[rows][cols]}). Row ranges let callers split the work
 * across threads.
 *
 * <p>The products run on the fastest {@link MatrixKernels} available: an implementation on Java's
 * Vector API when one is on the class path and the JVM runs with {@code --add-modules
 * jdk.incubator.vector} (the {@code tastemaker} launcher does), otherwise {@link ScalarKernels},
 * which the JIT vectorises on its own. {@code -Dtastemaker.simd=false} forces the portable one.
 */
public final class Gemm {
  private static final MatrixKernels KERNELS = KernelLoader.load();

  private Gemm() {}

  /** The name of the kernels in use, for logs and benchmarks. */
  public static String kernels() {
    return KERNELS.name();
  }

  /** {@code acc[v][j] += sum_p users[v][p] * q[p][j]} for v in [0, count), j in [from, to), on the fastest kernels; see {@link QuantizedItems}. */
  public static void addQuantized(float[][] users, int count, byte[][] q, float[][] acc, int from, int to) {
    for (int v = 0; v < count; v++) {
      if (users[v].length != q.length || from < 0 || to > acc[v].length || (q.length > 0 && to > q[0].length)) {
        throw new IllegalArgumentException(
            "addQuantized: " + users[v].length + " weights, " + q.length + " rows, [" + from + ", " + to + ") of " + acc[v].length);
      }
    }
    KERNELS.addQuantized(users, count, q, acc, from, to);
  }

  /** Whether the kernels in use have a panel kernel faster than the tiled pass, so {@link PanelItems} packs its table. */
  static boolean panels() {
    return KERNELS.panels();
  }

  /** {@link PanelItems}' logits for panels [fromPanel, toPanel), on the fastest kernels; the same floats whichever run. */
  static void panelLogits(float[][] users, int count, float[] panels, float[] bias, int dim, float[][] out, int fromPanel, int toPanel) {
    KERNELS.panelLogits(users, count, panels, bias, dim, out, fromPanel, toPanel);
  }

  /**
   * {@code y[i] = e^(x[i] - shift)} by {@link FastMath#expNonPositive} for i in [0, n) ({@code y}
   * may be {@code x}; shift at least every x[i]), and their sum in double, on the fastest kernels:
   * the exponentials are the same floats whichever kernels run, the sum may differ in its last bits.
   */
  public static double expShiftedSum(float[] x, float shift, float[] y, int n) {
    if (n > x.length || n > y.length) {
      throw new IllegalArgumentException("expShiftedSum: " + n + " values of " + x.length + " inputs and " + y.length + " outputs");
    }
    return KERNELS.expShiftedSum(x, shift, y, n);
  }

  /**
   * The first i in [from, to) with {@code values[i] >= threshold}, or {@code to}: the scan a top-k
   * selection spends its time in, since few values reach the threshold once the heap is full.
   */
  public static int nextAtLeast(float[] values, float threshold, int from, int to) {
    return KERNELS.nextAtLeast(values, threshold, from, to);
  }

  /**
   * {@code C[i] (+)= sum_p A[i][p] * B[p]} for rows i in [from, to): C = A B, A is n x k, B is k x m.
   *
   * <p>Four rows of B are folded into each pass over a row of C. When C is smaller than B, the loop
   * over B's rows goes outside, so that B streams through the cache once while C stays in it.
   *
   * @param accumulate add to C instead of overwriting it
   */
  public static void ab(float[][] a, float[][] b, float[][] c, int k, int m, int from, int to, boolean accumulate) {
    KERNELS.ab(a, b, c, k, m, from, to, accumulate);
  }

  static void scalarAb(float[][] a, float[][] b, float[][] c, int k, int m, int from, int to, boolean accumulate) {
    if (!accumulate) {
      for (int i = from; i < to; i++) {
        java.util.Arrays.fill(c[i], 0, m, 0f);
      }
    }
    if ((long) (to - from) < k) {
      for (int p = 0; p < k; p += 4) {
        for (int i = from; i < to; i++) {
          accumulateRow(a[i], b, c[i], p, Math.min(k, p + 4), m);
        }
      }
    } else {
      for (int i = from; i < to; i++) {
        accumulateRow(a[i], b, c[i], 0, k, m);
      }
    }
  }

  /** {@code c += sum_{p in [from, to)} a[p] * B[p]}. */
  private static void accumulateRow(float[] a, float[][] b, float[] c, int from, int to, int m) {
    int p = from;
    for (; p + 4 <= to; p += 4) {
      Vectors.axpy4(a[p], b[p], a[p + 1], b[p + 1], a[p + 2], b[p + 2], a[p + 3], b[p + 3], c, m);
    }
    for (; p < to; p++) {
      float v = a[p];
      if (v != 0f) {
        Vectors.axpy(v, b[p], c, m);
      }
    }
  }

  /**
   * {@code C[p] += sum_i A[i][p] * B[i]} for output rows p in [from, to): C += A^T B, A is n x k,
   * B is n x m, C is k x m.
   */
  public static void atbAccumulate(float[][] a, float[][] b, float[][] c, int n, int m, int from, int to) {
    KERNELS.atbAccumulate(a, b, c, n, m, from, to);
  }

  static void scalarAtbAccumulate(float[][] a, float[][] b, float[][] c, int n, int m, int from, int to) {
    // Rows of B outer, four at a time: they are read once while in L1, and C (k x m) stays in L2.
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      float[] a0 = a[i];
      float[] a1 = a[i + 1];
      float[] a2 = a[i + 2];
      float[] a3 = a[i + 3];
      float[] b0 = b[i];
      float[] b1 = b[i + 1];
      float[] b2 = b[i + 2];
      float[] b3 = b[i + 3];
      for (int p = from; p < to; p++) {
        Vectors.axpy4(a0[p], b0, a1[p], b1, a2[p], b2, a3[p], b3, c[p], m);
      }
    }
    for (; i < n; i++) {
      float[] ai = a[i];
      float[] bi = b[i];
      for (int p = from; p < to; p++) {
        float v = ai[p];
        if (v != 0f) {
          Vectors.axpy(v, bi, c[p], m);
        }
      }
    }
  }

  /** {@code T[j][i] = A[i][j]} for an n x m matrix A, in cache-sized blocks. */
  public static void transpose(float[][] a, float[][] t, int n, int m) {
    final int block = 32;
    for (int i0 = 0; i0 < n; i0 += block) {
      int i1 = Math.min(n, i0 + block);
      for (int j0 = 0; j0 < m; j0 += block) {
        int j1 = Math.min(m, j0 + block);
        for (int i = i0; i < i1; i++) {
          float[] ai = a[i];
          for (int j = j0; j < j1; j++) {
            t[j][i] = ai[j];
          }
        }
      }
    }
  }
}
