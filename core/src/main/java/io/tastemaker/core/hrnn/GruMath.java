package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;

/**
 * Batched forward and backward passes of one {@link Gru} step over rows [0, n) of row arrays. The
 * input half ({@code x Wx + bx}) is computed by the caller for a whole chunk at once.
 */
final class GruMath {
  private GruMath() {}

  /**
   * One step forward.
   *
   * @param gx rows of {@code x Wx + bx} (n x 3h)
   * @param h0 the previous states (n x h)
   * @param act out: the activations {@code [r | z | n]} (n x 3h)
   * @param ghn out: {@code h0 Wh_n + bh_n} (n x h), which the backward pass needs
   * @param gh scratch (n x 3h)
   * @param h out: the new states (n x h)
   */
  static void forward(Gru gru, float[][] gx, float[][] h0, int n, float[][] act, float[][] ghn, float[][] gh, float[][] h) {
    int hd = gru.hidden;
    Gemm.ab(h0, gru.wh, gh, hd, 3 * hd, 0, n, false);
    float[] bh = gru.bh[0];
    for (int i = 0; i < n; i++) {
      float[] gxi = gx[i];
      float[] ghi = gh[i];
      float[] a = act[i];
      float[] hn = ghn[i];
      float[] prev = h0[i];
      float[] out = h[i];
      for (int j = 0; j < hd; j++) {
        float r = FastMath.sigmoid(gxi[j] + ghi[j] + bh[j]);
        float z = FastMath.sigmoid(gxi[hd + j] + ghi[hd + j] + bh[hd + j]);
        float hnj = ghi[2 * hd + j] + bh[2 * hd + j];
        float c = FastMath.tanh(gxi[2 * hd + j] + r * hnj);
        a[j] = r;
        a[hd + j] = z;
        a[2 * hd + j] = c;
        hn[j] = hnj;
        out[j] = (1 - z) * c + z * prev[j];
      }
    }
  }

  /**
   * One step backward.
   *
   * @param dh the gradient at the step's output (n x h)
   * @param dgx out: the gradient at {@code x Wx + bx} (n x 3h)
   * @param dgh scratch: the gradient at {@code h0 Wh + bh} (n x 3h)
   * @param dh0 out, accumulated: the gradient at the previous states (n x h)
   * @param whT {@code Wh} transposed (3h x h)
   * @param gWh accumulated gradient of {@code Wh}
   * @param gbh accumulated gradient of {@code bh}
   */
  static void backward(
      Gru gru, float[][] h0, float[][] act, float[][] ghn, float[][] dh, int n, float[][] dgx, float[][] dgh, float[][] dh0, float[][] whT,
      float[][] gWh, float[][] gbh) {
    int hd = gru.hidden;
    float[] gb = gbh[0];
    for (int i = 0; i < n; i++) {
      float[] a = act[i];
      float[] hn = ghn[i];
      float[] prev = h0[i];
      float[] d = dh[i];
      float[] dx = dgx[i];
      float[] dhh = dgh[i];
      float[] dprev = dh0[i];
      for (int j = 0; j < hd; j++) {
        float r = a[j];
        float z = a[hd + j];
        float c = a[2 * hd + j];
        float dj = d[j];
        float dc = dj * (1 - z) * (1 - c * c);
        float dz = dj * (prev[j] - c) * z * (1 - z);
        float dr = dc * hn[j] * r * (1 - r);
        dprev[j] += dj * z;
        dx[j] = dr;
        dx[hd + j] = dz;
        dx[2 * hd + j] = dc;
        dhh[j] = dr;
        dhh[hd + j] = dz;
        dhh[2 * hd + j] = dc * r;
      }
      for (int j = 0; j < 3 * hd; j++) {
        gb[j] += dhh[j];
      }
    }
    Gemm.ab(dgh, whT, dh0, 3 * hd, hd, 0, n, true);
    Gemm.atbAccumulate(h0, dgh, gWh, n, 3 * hd, 0, hd);
  }
}
