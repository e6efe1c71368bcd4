package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.kernel.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The parameters of the causal self-attention network: item embeddings and output biases (updated
 * sparsely, by the rows a step touches), and the dense rest: metadata feature vectors, position
 * vectors counted back from the newest item, and per block a layer norm, the query, key, value and
 * output projections, a second layer norm and a two-layer feed-forward net; a final layer norm;
 * one vector per interaction-context feature.
 */
final class TransformerWeights {
  final int items;
  final int dim;
  final int blocks;
  final int maxLength;
  /** Item embeddings, one row per item; an item's vector is its row plus the mean of its features'. */
  final float[][] itemEmbedding;
  /** One bias per item in the output layer, as a single row. */
  final float[][] outputBias;
  final float[][] itemFeatures;
  final float[][] userFeatures;
  /** Row p is added to the item p places before the newest one. */
  final float[][] positions;
  final Block[] block;
  final float[][] finalGain;
  final float[][] finalBias;
  /**
   * Added to the logit of every item the user's sequence holds: learned, so data without repeats
   * pushes what a user already has out of the answer and data with repeats pulls it in, and the
   * item vectors need not tell an item from its neighbours to do so.
   */
  final float[][] historyBias;
  /**
   * Row l holds block l's attention bias by the distance from a query back to a key (0 for itself):
   * added to the attention's scores before their softmax, it reads a history as serving does,
   * where the newest item asks, whichever position of a training sequence asks.
   */
  final float[][] distanceBias;
  /**
   * One vector per feature of the Interactions dataset's contextual fields ({@code DEVICE=phone}):
   * the mean of a context's vectors shifts the state the item chosen in that context is scored from.
   */
  final float[][] contextFeatures;

  /** One self-attention block's parameters. */
  static final class Block {
    final float[][] norm1Gain;
    final float[][] norm1Bias;
    final float[][] query;
    final float[][] key;
    final float[][] value;
    final float[][] output;
    final float[][] norm2Gain;
    final float[][] norm2Bias;
    final float[][] ff1;
    final float[][] ff1Bias;
    final float[][] ff2;
    final float[][] ff2Bias;

    Block(int d) {
      norm1Gain = ones(d);
      norm1Bias = new float[1][d];
      query = new float[d][d];
      key = new float[d][d];
      value = new float[d][d];
      output = new float[d][d];
      norm2Gain = ones(d);
      norm2Bias = new float[1][d];
      ff1 = new float[d][d];
      ff1Bias = new float[1][d];
      ff2 = new float[d][d];
      ff2Bias = new float[1][d];
    }

    List<float[][]> tensors() {
      return List.of(norm1Gain, norm1Bias, query, key, value, output, norm2Gain, norm2Bias, ff1, ff1Bias, ff2, ff2Bias);
    }
  }

  TransformerWeights(int items, int dim, int blocks, int maxLength, int itemFeatureCount, int userFeatureCount, int contextFeatureCount) {
    this.items = items;
    this.dim = dim;
    this.blocks = blocks;
    this.maxLength = maxLength;
    this.itemEmbedding = new float[items][dim];
    this.outputBias = new float[1][items];
    this.itemFeatures = new float[itemFeatureCount][dim];
    this.userFeatures = new float[userFeatureCount][dim];
    this.positions = new float[maxLength][dim];
    this.block = new Block[blocks];
    for (int l = 0; l < blocks; l++) {
      block[l] = new Block(dim);
    }
    this.finalGain = ones(dim);
    this.finalBias = new float[1][dim];
    this.historyBias = new float[1][1];
    this.distanceBias = new float[blocks][maxLength];
    // Zero at the start: a context changes nothing until the data says how it matters.
    this.contextFeatures = new float[contextFeatureCount][dim];
  }

  private static float[][] ones(int d) {
    float[][] a = new float[1][d];
    java.util.Arrays.fill(a[0], 1f);
    return a;
  }

  void initialise(SplittableRandom random) {
    float scale = (float) Math.sqrt(1.0 / dim);
    Matrices.uniform(itemEmbedding, scale, random);
    Matrices.uniform(itemFeatures, scale, random);
    Matrices.uniform(userFeatures, scale, random);
    Matrices.uniform(positions, scale, random);
    for (Block b : block) {
      Matrices.xavier(b.query, random);
      Matrices.xavier(b.key, random);
      Matrices.xavier(b.value, random);
      Matrices.xavier(b.output, random);
      Matrices.xavier(b.ff1, random);
      Matrices.xavier(b.ff2, random);
    }
  }

  /**
   * The dense tensors, in a fixed order that gradients and the optimiser share; the history bias,
   * the distance bias and the context vectors last (model files before version 5 lack the first two,
   * before 8 the distance bias, before 9 the context vectors).
   */
  List<float[][]> dense() {
    List<float[][]> t = new ArrayList<>(List.of(itemFeatures, userFeatures, positions));
    for (Block b : block) {
      t.addAll(b.tensors());
    }
    t.add(finalGain);
    t.add(finalBias);
    t.add(historyBias);
    t.add(distanceBias);
    t.add(contextFeatures);
    return t;
  }

  /** The history bias's slot in {@link #dense()}. */
  int historyBiasSlot() {
    return 5 + 12 * blocks;
  }

  /** The distance bias's slot in {@link #dense()}. */
  int distanceBiasSlot() {
    return 6 + 12 * blocks;
  }

  /** The context vectors' slot in {@link #dense()}. */
  int contextSlot() {
    return 7 + 12 * blocks;
  }

  /** Adds the mean of a context's feature vectors to a state; no features add nothing. */
  void addContext(int[] features, float[] state) {
    for (int f : features) {
      Vectors.axpy(1f / features.length, contextFeatures[f], state, dim);
    }
  }

  /** Every tensor, sparse ones first: the order the model file stores them in. */
  List<float[][]> all() {
    List<float[][]> t = new ArrayList<>(List.of(itemEmbedding, outputBias));
    t.addAll(dense());
    return t;
  }

  TransformerWeights copy() {
    TransformerWeights c = new TransformerWeights(items, dim, blocks, maxLength, itemFeatures.length, userFeatures.length, contextFeatures.length);
    List<float[][]> from = all();
    List<float[][]> to = c.all();
    for (int t = 0; t < from.size(); t++) {
      for (int r = 0; r < from.get(t).length; r++) {
        System.arraycopy(from.get(t)[r], 0, to.get(t)[r], 0, from.get(t)[r].length);
      }
    }
    return c;
  }

  /** A zero tensor of each dense tensor's shape, for gradients. */
  List<float[][]> zeroDense() {
    List<float[][]> z = new ArrayList<>();
    for (float[][] t : dense()) {
      z.add(Matrices.zerosLike(t));
    }
    return z;
  }
}
