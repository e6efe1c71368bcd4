package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Matrices;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The weights of a gated recurrent unit (Cho et al., 2014), gates laid out as {@code [r | z | n]}:
 *
 * <pre>
 *   r  = sigmoid(x Wx_r + bx_r + h Wh_r + bh_r)
 *   z  = sigmoid(x Wx_z + bx_z + h Wh_z + bh_z)
 *   n  = tanh(x Wx_n + bx_n + r * (h Wh_n + bh_n))
 *   h' = (1 - z) * n + z * h
 * </pre>
 */
final class Gru {
  final int input;
  final int hidden;
  /** input x 3 hidden. */
  final float[][] wx;
  /** hidden x 3 hidden. */
  final float[][] wh;
  /** 1 x 3 hidden. */
  final float[][] bx;
  /** 1 x 3 hidden. */
  final float[][] bh;

  Gru(int input, int hidden) {
    this.input = input;
    this.hidden = hidden;
    this.wx = new float[input][3 * hidden];
    this.wh = new float[hidden][3 * hidden];
    this.bx = new float[1][3 * hidden];
    this.bh = new float[1][3 * hidden];
  }

  void initialise(SplittableRandom random) {
    Matrices.xavier(wx, random);
    Matrices.xavier(wh, random);
  }

  List<float[][]> tensors() {
    return List.of(wx, wh, bx, bh);
  }
}
