package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every weight of the hierarchical recurrent network (Quadrana et al., RecSys 2017):
 *
 * <ul>
 *   <li>item embeddings, shared by the input and the output layer, and an output bias per item;
 *   <li>a session-level GRU over the items of a session;
 *   <li>a user-level GRU, updated with the last state of each finished session;
 *   <li>the projection that starts each new session from the user state.
 * </ul>
 *
 * <p>An item's score for a user is {@code h . e_i + b_i}: the user vector {@code [h, 1]} against the
 * item vector {@code [e_i, b_i]}.
 */
final class HrnnWeights {
  final int items;
  final int dim;
  /** items x dim. */
  final float[][] embeddings;
  /** 1 x items. */
  final float[][] outputBias;
  final Gru session;
  final Gru user;
  /** dim x dim: session start state = tanh(c Wi + bi). */
  final float[][] initWeight;
  /** 1 x dim. */
  final float[][] initBias;

  HrnnWeights(int items, int dim) {
    this.items = items;
    this.dim = dim;
    this.embeddings = new float[items][dim];
    this.outputBias = new float[1][items];
    this.session = new Gru(dim, dim);
    this.user = new Gru(dim, dim);
    this.initWeight = new float[dim][dim];
    this.initBias = new float[1][dim];
  }

  void initialise(SplittableRandom random) {
    Matrices.uniform(embeddings, (float) (1 / Math.sqrt(dim)), random);
    session.initialise(random);
    user.initialise(random);
    Matrices.xavier(initWeight, random);
  }

  /** Every weight tensor, in a fixed order: the optimiser's and the model file's. */
  List<float[][]> tensors() {
    List<float[][]> all = new ArrayList<>();
    all.add(embeddings);
    all.add(outputBias);
    all.addAll(session.tensors());
    all.addAll(user.tensors());
    all.add(initWeight);
    all.add(initBias);
    return all;
  }

  /** Zero-filled tensors shaped like {@link #tensors()}, for gradients. */
  List<float[][]> zeroTensors() {
    List<float[][]> zeros = new ArrayList<>();
    for (float[][] t : tensors()) {
      zeros.add(Matrices.zerosLike(t));
    }
    return zeros;
  }

  HrnnWeights copy() {
    HrnnWeights c = new HrnnWeights(items, dim);
    List<float[][]> from = tensors();
    List<float[][]> to = c.tensors();
    for (int t = 0; t < from.size(); t++) {
      for (int i = 0; i < from.get(t).length; i++) {
        System.arraycopy(from.get(t)[i], 0, to.get(t)[i], 0, from.get(t)[i].length);
      }
    }
    return c;
  }
}
