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

  /** A panel's 16 floats are too short a loop for the JIT to vectorise: 3.7 times slower than the tiled pass at a million items. */
  @Override
  public boolean panels() {
    return false;
  }

  @Override
  public void panelLogits(float[][] users, int count, float[] panels, float[] bias, int dim, float[][] out, int fromPanel, int toPanel) {
    for (int from = fromPanel; from < toPanel; from += PanelItems.RUN) {
      int to = Math.min(toPanel, from + PanelItems.RUN);
      for (int u = 0; u < count; u++) {
        for (int p = from; p < to; p++) {
          panel(users[u], panels, bias, dim, p, out[u], p * PanelItems.WIDTH);
        }
      }
    }
  }

  /** Panel p's logits for h into {@code out[at..at + WIDTH)}: {@link Logits}' additions in its order. */
  static void panel(float[] h, float[] panels, float[] bias, int dim, int p, float[] out, int at) {
    int w = PanelItems.WIDTH;
    int base = p * dim * w;
    System.arraycopy(bias, p * w, out, at, w);
    int d = 0;
    for (; d + 4 <= dim; d += 4) {
      float a0 = h[d];
      float a1 = h[d + 1];
      float a2 = h[d + 2];
      float a3 = h[d + 3];
      int r = base + d * w;
      for (int j = 0; j < w; j++) {
        out[at + j] += a0 * panels[r + j] + a1 * panels[r + w + j] + a2 * panels[r + 2 * w + j] + a3 * panels[r + 3 * w + j];
      }
    }
    for (; d < dim; d++) {
      float a = h[d];
      int r = base + d * w;
      for (int j = 0; j < w; j++) {
        out[at + j] += a * panels[r + j];
      }
    }
  }

  @Override
  public double expShiftedSum(float[] x, float shift, float[] y, int n) {
    FastMath.expShifted(x, shift, y, n);
    // Four double sums: exact enough for a million items, and independent for the pipeline.
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += y[i];
      s1 += y[i + 1];
      s2 += y[i + 2];
      s3 += y[i + 3];
    }
    for (; i < n; i++) {
      s0 += y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public int nextAtLeast(float[] values, float threshold, int from, int to) {
    int i = from;
    while (i < to && !(values[i] >= threshold)) {
      i++;
    }
    return i;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
