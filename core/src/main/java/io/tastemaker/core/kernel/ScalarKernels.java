package io.tastemaker.core.kernel;

/**
 * The portable kernels: sums of row {@link Vectors#axpy4}s over the output's columns, so the inner
 * loop runs over a long contiguous row at offset 0 and the JIT vectorises it.
 */
public final class ScalarKernels implements MatrixKernels {
  @Override
  public void ab(float[][] a, float[][] b, float[][] c, int k, int m, int from, int to, boolean accumulate) {
    Gemm.scalarAb(a, b, c, k, m, from, to, accumulate);
  }

  @Override
  public void atbAccumulate(float[][] a, float[][] b, float[][] c, int n, int m, int from, int to) {
    Gemm.scalarAtbAccumulate(a, b, c, n, m, from, to);
  }

  @Override
  public void addQuantized(float[][] users, int count, byte[][] q, float[][] acc, int from, int to) {
    // JDK 17 does not vectorise byte to float conversions: correct, but the Vector API's is the fast one.
    for (int v = 0; v < count; v++) {
      float[] h = users[v];
      float[] out = acc[v];
      for (int p = 0; p < h.length; p++) {
        float a = h[p];
        byte[] row = q[p];
        for (int j = from; j < to; j++) {
          out[j] += a * row[j];
        }
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
