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
  public String name() {
    return "scalar";
  }
}
