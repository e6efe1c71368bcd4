package io.tastemaker.core.kernel;

/**
 * Matrix products on row arrays ({@code float[rows][cols]}), each written as a sum of row
 * {@link Vectors#axpy}s over the output's columns, so the inner loop runs over a long contiguous
 * row at offset 0 and vectorises. Row ranges let callers split the work across threads.
 */
public final class Gemm {
  private Gemm() {}

  /**
   * {@code C[i] (+)= sum_p A[i][p] * B[p]} for rows i in [from, to): C = A B, A is n x k, B is k x m.
   *
   * @param accumulate add to C instead of overwriting it
   */
  public static void ab(float[][] a, float[][] b, float[][] c, int k, int m, int from, int to, boolean accumulate) {
    for (int i = from; i < to; i++) {
      float[] ci = c[i];
      float[] ai = a[i];
      if (!accumulate) {
        java.util.Arrays.fill(ci, 0, m, 0f);
      }
      for (int p = 0; p < k; p++) {
        float v = ai[p];
        if (v != 0f) {
          Vectors.axpy(v, b[p], ci, m);
        }
      }
    }
  }

  /**
   * {@code C[p] += sum_i A[i][p] * B[i]} for output rows p in [from, to): C += A^T B, A is n x k,
   * B is n x m, C is k x m.
   */
  public static void atbAccumulate(float[][] a, float[][] b, float[][] c, int n, int m, int from, int to) {
    for (int p = from; p < to; p++) {
      float[] cp = c[p];
      for (int i = 0; i < n; i++) {
        float v = a[i][p];
        if (v != 0f) {
          Vectors.axpy(v, b[i], cp, m);
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
