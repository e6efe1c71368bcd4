package io.tastemaker.core.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The Adam optimiser (Kingma and Ba, ICLR 2015) over a list of parameter matrices, with bias
 * correction; vectors are matrices of one row.
 */
public final class Adam {
  private final List<float[][]> params;
  private final List<float[][]> m = new ArrayList<>();
  private final List<float[][]> v = new ArrayList<>();
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private int step;

  public Adam(List<float[][]> params, float beta1, float beta2, float epsilon) {
    this.params = List.copyOf(params);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    for (float[][] p : params) {
      m.add(Matrices.zerosLike(p));
      v.add(Matrices.zerosLike(p));
    }
  }

  /** Applies one update from {@code grads}, which match the parameters in order and shape. */
  public void step(List<float[][]> grads, float learningRate) {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    float rate = (float) (learningRate * Math.sqrt(correction2) / correction1);
    float eps = (float) (epsilon * Math.sqrt(correction2));
    for (int t = 0; t < params.size(); t++) {
      float[][] p = params.get(t);
      float[][] g = grads.get(t);
      float[][] mt = m.get(t);
      float[][] vt = v.get(t);
      for (int i = 0; i < p.length; i++) {
        update(p[i], g[i], mt[i], vt[i], rate, eps);
      }
    }
  }

  private void update(float[] p, float[] g, float[] mt, float[] vt, float rate, float eps) {
    float b1 = beta1;
    float b2 = beta2;
    for (int j = 0; j < p.length; j++) {
      float gj = g[j];
      mt[j] = b1 * mt[j] + (1 - b1) * gj;
      vt[j] = b2 * vt[j] + (1 - b2) * gj * gj;
      p[j] -= rate * mt[j] / ((float) Math.sqrt(vt[j]) + eps);
    }
  }
}
