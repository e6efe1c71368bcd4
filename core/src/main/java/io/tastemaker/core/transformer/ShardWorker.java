package io.tastemaker.core.transformer;

import java.util.SplittableRandom;

/** Forward and backward passes over one shard of a step's sequences, into the shard's own gradients. */
final class ShardWorker {
  final Gradients gradients;
  private final Encoder encoder;
  private final int[][] userFeatures;
  private final int dim;
  /** Items each position learns to predict: its next one and the {@code window - 1} after it. */
  private final int window;
  private float[][] dVectors = new float[0][];
  private float[] dOffsets = new float[0];
  private float[][] logits = new float[0][];

  /**
   * @param userFeatures each sequence's user features
   * @param window the target window: 1 for the next item alone
   */
  ShardWorker(TransformerWeights w, Encoder encoder, int[][] userFeatures, int window) {
    this.window = window;
    this.gradients = new Gradients(w);
    this.encoder = encoder;
    this.userFeatures = userFeatures;
    this.dim = w.dim;
  }

  /**
   * Trains on the given sequences; returns their weighted loss. The candidates' gradients end up
   * as rows of {@link #gradients}.
   *
   * @param share the share of positions whose next item the loss scores, drawn at random; 1 for all
   */
  double train(UserSequences data, int[] sequences, OutputLayer output, float scale, float dropout, double share, SplittableRandom random) {
    int k = output.size();
    if (dVectors.length < k) {
      dVectors = new float[k][dim];
      dOffsets = new float[k];
    }
    double loss = 0;
    for (int s : sequences) {
      int[] seq = data.items[s];
      int n = seq.length - 1;
      if (logits.length < n || (n > 0 && logits[0].length < k)) {
        logits = new float[Math.max(n, logits.length)][k];
      }
      int[] inputs = java.util.Arrays.copyOf(seq, n);
      int[] targets = java.util.Arrays.copyOfRange(seq, 1, n + 1);
      float[] weights = data.weights[s].clone();
      for (int t = 0; t < n; t++) {
        weights[t] *= scale;
      }
      Encoder.Pass pass = encoder.forward(inputs, userFeatures.length == 0 ? new int[0] : userFeatures[s], dropout, random);
      int[][] contexts = data.targetContexts(s);
      if (contexts != null) {
        encoder.addContexts(pass, contexts);
      }
      float[][] dh = new float[n][dim];
      if (share < 1) {
        // A random share of the positions is scored, each weighing 1 / share, so the gradient's expectation is unchanged.
        int[] picked = scored(n, share, random);
        float[][] h = new float[picked.length][];
        float[][] dhPicked = new float[picked.length][];
        int[] pickedTargets = new int[picked.length];
        int[][] later = output.readsLater() ? later(seq, n) : null;
        int[][] pickedLater = later == null ? null : new int[picked.length][];
        float[] pickedWeights = new float[picked.length];
        for (int i = 0; i < picked.length; i++) {
          h[i] = pass.h[picked[i]];
          dhPicked[i] = dh[picked[i]];
          pickedTargets[i] = targets[picked[i]];
          if (later != null) {
            pickedLater[i] = later[picked[i]];
          }
          pickedWeights[i] = (float) (weights[picked[i]] / share);
        }
        loss += output.loss(h, pickedTargets, pickedLater, new SeenItems(inputs, picked, output.vectorSource(), dim), pickedWeights, dhPicked, dVectors, dOffsets, logits, gradients);
      } else {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        loss += output.loss(pass.h, targets, output.readsLater() ? later(seq, n) : null, new SeenItems(inputs, all, output.vectorSource(), dim), weights, dh, dVectors, dOffsets, logits, gradients);
      }
      encoder.backward(pass, dh, gradients);
    }
    for (int c = 0; c < k; c++) {
      gradients.addRow(output.candidates[c], dVectors[c], dOffsets[c]);
      java.util.Arrays.fill(dVectors[c], 0f);
      dOffsets[c] = 0f;
    }
    return loss;
  }

  /** For each of the n positions, the items after its next one within the window; null when the window is 1. */
  private int[][] later(int[] seq, int n) {
    if (window <= 1) {
      return null;
    }
    int[][] later = new int[n][];
    for (int t = 0; t < n; t++) {
      int from = t + 2;
      int to = Math.min(seq.length, t + 1 + window);
      later[t] = from < to ? java.util.Arrays.copyOfRange(seq, from, to) : new int[0];
    }
    return later;
  }

  /** Each of n positions with probability {@code share}, in order. */
  private static int[] scored(int n, double share, SplittableRandom random) {
    int[] picked = new int[n];
    int kept = 0;
    for (int t = 0; t < n; t++) {
      if (random.nextDouble() < share) {
        picked[kept++] = t;
      }
    }
    return java.util.Arrays.copyOf(picked, kept);
  }
}
