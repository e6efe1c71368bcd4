package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.kernel.Vectors;
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
 *   <li>the projection that starts each new session from the user state;
 *   <li>a history bias, added to the logit of every item the user has read: learned, so data
 *       without repeats pushes a user's own items down and data with repeats pulls them up;
 *   <li>a history mix: the mean of the vectors of the items the user has read, projected by a
 *       learned matrix (zero at the start), joins the user vector.
 * </ul>
 *
 * <p>An item's vector {@code v_i} is its embedding, plus the mean of its features' vectors when the
 * recipe uses item metadata; a cold item has features only. Its score for a user is {@code h . v_i +
 * b_i}: the user vector {@code [h, 1]} against the item vector {@code [v_i, b_i]}. User metadata
 * enters where a session starts: the mean of the user's feature vectors joins the start state. The
 * context of an interaction (its categorical Interactions fields, such as the device) shifts the user
 * vector it is predicted with: {@code h} plus the mean of the context's feature vectors.
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
  /** One vector per item feature (a categorical value of the Items dataset). */
  final float[][] itemFeatures;
  /** One vector per user feature (a categorical value of the Users dataset). */
  final float[][] userFeatures;
  /** One vector per context feature (a categorical value of the Interactions dataset). */
  final float[][] contextFeatures;
  /** Added to the logit of every item the user has read: learned, as the v2 recipes' is. */
  final float[][] historyBias = new float[1][1];
  /** dim x dim: the mean of the vectors of the items the user has read, times this, joins the user vector ({@link HistoryMix}). */
  final float[][] historyMix;

  HrnnWeights(int items, int dim) {
    this(items, dim, 0, 0, 0);
  }

  HrnnWeights(int items, int dim, int itemFeatureCount, int userFeatureCount, int contextFeatureCount) {
    this.items = items;
    this.dim = dim;
    this.embeddings = new float[items][dim];
    this.outputBias = new float[1][items];
    this.session = new Gru(dim, dim);
    this.user = new Gru(dim, dim);
    this.initWeight = new float[dim][dim];
    this.initBias = new float[1][dim];
    this.itemFeatures = new float[itemFeatureCount][dim];
    this.userFeatures = new float[userFeatureCount][dim];
    this.contextFeatures = new float[contextFeatureCount][dim];
    this.historyMix = new float[dim][dim];
  }

  void initialise(SplittableRandom random) {
    Matrices.uniform(embeddings, (float) (1 / Math.sqrt(dim)), random);
    session.initialise(random);
    user.initialise(random);
    Matrices.xavier(initWeight, random);
    Matrices.uniform(itemFeatures, (float) (1 / Math.sqrt(dim)), random);
    Matrices.uniform(userFeatures, (float) (0.1 / Math.sqrt(dim)), random);
    Matrices.uniform(contextFeatures, (float) (0.1 / Math.sqrt(dim)), random);
  }

  /** Adds the mean of a context's feature vectors to a user vector. */
  void addContext(int[] features, float[] target) {
    for (int feature : features) {
      Vectors.axpy(1f / features.length, contextFeatures[feature], target, dim);
    }
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
    all.add(itemFeatures);
    all.add(userFeatures);
    all.add(contextFeatures);
    all.add(historyBias);
    all.add(historyMix);
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

  /**
   * These weights for a catalogue grown to {@code n} items: the new items get no embedding and no
   * bias of their own (their vectors come from metadata).
   */
  HrnnWeights withItems(int n) {
    HrnnWeights c = new HrnnWeights(n, dim, itemFeatures.length, userFeatures.length, contextFeatures.length);
    List<float[][]> from = tensors();
    List<float[][]> to = c.tensors();
    for (int t = 0; t < from.size(); t++) {
      float[][] source = from.get(t);
      float[][] target = to.get(t);
      for (int i = 0; i < Math.min(source.length, target.length); i++) {
        System.arraycopy(source[i], 0, target[i], 0, Math.min(source[i].length, target[i].length));
      }
    }
    // The output bias of a new item: the lowest bias of any known item, as for the rarest items.
    float low = Float.POSITIVE_INFINITY;
    for (int i = 0; i < items; i++) {
      low = Math.min(low, outputBias[0][i]);
    }
    for (int i = items; i < n; i++) {
      c.outputBias[0][i] = items == 0 ? 0f : low;
    }
    return c;
  }

  HrnnWeights copy() {
    HrnnWeights c = new HrnnWeights(items, dim, itemFeatures.length, userFeatures.length, contextFeatures.length);
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
