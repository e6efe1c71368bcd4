package io.tastemaker.core.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The Adam optimiser (Kingma and Ba, ICLR 2015) over a list of parameter matrices, with bias
 * correction; vectors are matrices of one row.
 *
 * <p>Tables that a step touches only in part (item embeddings under a sampled softmax) can be stepped
 * lazily ({@link #step(List, float, List)}), as TensorFlow's LazyAdam and PyTorch's SparseAdam do: only
 * the touched rows' parameters and moments change, with the global step's bias correction. A row
 * that a dense step would have given a zero gradient keeps its moments undecayed and does not move on
 * its momentum; a row touched in every step is updated exactly as the dense step updates it.
 *
 * <p>A tensor can also take decoupled weight decay ({@link #decoupledDecay}, AdamW: Loshchilov and
 * Hutter, ICLR 2019): each value the step updates shrinks by the learning rate times the decay,
 * apart from Adam's scaled step, {@code p = p (1 - rate decay) - step}.
 */
public final class Adam {
  private final List<float[][]> params;
  private final List<float[][]> m = new ArrayList<>();
  private final List<float[][]> v = new ArrayList<>();
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  /** Each tensor's decoupled weight decay; 0 for none. */
  private final float[] decays;
  private int step;

  public Adam(List<float[][]> params, float beta1, float beta2, float epsilon) {
    this.params = List.copyOf(params);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.decays = new float[params.size()];
    for (float[][] p : params) {
      m.add(Matrices.zerosLike(p));
      v.add(Matrices.zerosLike(p));
    }
  }

  /**
   * Gives tensor {@code tensor} decoupled weight decay: every value a step updates (every one in a
   * dense step, the touched ones in a lazy step) shrinks by the step's learning rate times {@code
   * decay}. Returns this optimiser.
   */
  public Adam decoupledDecay(int tensor, float decay) {
    decays[tensor] = decay;
    return this;
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
      float shrink = 1 - learningRate * decays[t];
      for (int i = 0; i < p.length; i++) {
        update(p[i], g[i], mt[i], vt[i], rate, eps, shrink);
      }
    }
  }

  /**
   * The rows (or, for a vector, the entries) of one parameter tensor that a lazy step updates.
   *
   * @param tensor the tensor's index in the parameter list
   * @param touched its touched rows, or its touched entries when {@code entries}
   * @param entries whether {@code touched} lists entries of a one-row tensor rather than rows
   */
  public record Lazy(int tensor, TouchedRows touched, boolean entries) {}

  /**
   * Applies one update in which the tensors named in {@code lazy} change only where touched (their
   * gradients are read only there) and every other tensor as in {@link #step(List, float)}.
   */
  public void step(List<float[][]> grads, float learningRate, List<Lazy> lazy) {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    float rate = (float) (learningRate * Math.sqrt(correction2) / correction1);
    float eps = (float) (epsilon * Math.sqrt(correction2));
    boolean[] sparse = new boolean[params.size()];
    for (Lazy l : lazy) {
      sparse[l.tensor()] = true;
      float[][] p = params.get(l.tensor());
      float[][] g = grads.get(l.tensor());
      float[][] mt = m.get(l.tensor());
      float[][] vt = v.get(l.tensor());
      TouchedRows rows = l.touched();
      float shrink = 1 - learningRate * decays[l.tensor()];
      for (int k = 0; k < rows.size(); k++) {
        int r = rows.get(k);
        if (l.entries()) {
          updateEntry(p[0], g[0], mt[0], vt[0], r, rate, eps, shrink);
        } else {
          update(p[r], g[r], mt[r], vt[r], rate, eps, shrink);
        }
      }
    }
    for (int t = 0; t < params.size(); t++) {
      if (!sparse[t]) {
        float[][] p = params.get(t);
        float[][] g = grads.get(t);
        float[][] mt = m.get(t);
        float[][] vt = v.get(t);
        float shrink = 1 - learningRate * decays[t];
        for (int i = 0; i < p.length; i++) {
          update(p[i], g[i], mt[i], vt[i], rate, eps, shrink);
        }
      }
    }
  }

  // With a shrink of 1 (no decay) the update is bit for bit the undecayed one, since p * 1f == p in IEEE arithmetic.
  private void updateEntry(float[] p, float[] g, float[] mt, float[] vt, int j, float rate, float eps, float shrink) {
    float gj = g[j];
    mt[j] = beta1 * mt[j] + (1 - beta1) * gj;
    vt[j] = beta2 * vt[j] + (1 - beta2) * gj * gj;
    p[j] = p[j] * shrink - rate * mt[j] / ((float) Math.sqrt(vt[j]) + eps);
  }

  private void update(float[] p, float[] g, float[] mt, float[] vt, float rate, float eps, float shrink) {
    float b1 = beta1;
    float b2 = beta2;
    for (int j = 0; j < p.length; j++) {
      float gj = g[j];
      mt[j] = b1 * mt[j] + (1 - b1) * gj;
      vt[j] = b2 * vt[j] + (1 - b2) * gj * gj;
      p[j] = p[j] * shrink - rate * mt[j] / ((float) Math.sqrt(vt[j]) + eps);
    }
  }
}
