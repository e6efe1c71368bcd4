package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Vectors;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One step's softmax cross-entropy over the next items: over every item when {@code correction}
 * is null, otherwise over each target, the step's shared negatives with the log-Q correction (a
 * negative that is a target itself is left out) and the position's earlier items as exact
 * negatives. Every item a position has read takes the learned history bias on its logit. A
 * position's target is its next item, or, with a target window, a distribution over the next item
 * and the ones after it ({@link Targets}). Holds the candidates' vectors, shared by the shards.
 */
final class OutputLayer {
  final int[] candidates;
  final float[][] vectors;
  private final float[][] vectorsT;
  /** Bias minus correction, per candidate. */
  private final float[] offsets;
  private final boolean full;
  private final float[] correction;
  private final Encoder encoder;
  private final TransformerWeights w;
  /** The share of the j-th item after the next relative to the next one: decay^j; 0 for the next item alone. */
  private final double decay;
  /** Under a sampled softmax, where each item stands among the candidates. */
  private final Map<Integer, int[]> places;

  private static final int[] NOWHERE = new int[0];

  /**
   * @param correction each item's log-Q correction for a sampled softmax; null over every item
   * @param decay the weight of the later items of a target window, this step
   */
  OutputLayer(TransformerWeights w, Encoder encoder, int[] candidates, float[] correction, double decay) {
    this.w = w;
    this.decay = decay;
    this.encoder = encoder;
    this.candidates = candidates;
    this.full = correction == null;
    this.correction = correction;
    int k = candidates.length;
    this.vectors = new float[k][w.dim];
    this.vectorsT = new float[w.dim][k];
    this.offsets = new float[k];
    for (int c = 0; c < k; c++) {
      encoder.itemVector(candidates[c], vectors[c]);
      offsets[c] = w.outputBias[0][candidates[c]] - (full ? 0f : correction[candidates[c]]);
    }
    Gemm.transpose(vectors, vectorsT, k, w.dim);
    this.places = full ? Map.of() : placesOf(candidates);
  }

  int size() {
    return candidates.length;
  }

  /** Whether this step's loss reads the items after each position's next one. */
  boolean readsLater() {
    return decay > 0;
  }

  /**
   * The weighted loss of predicting {@code targets[t]} (and {@code later[t]}) from state t; adds
   * the gradient at the states to {@code dh}, the candidates' to {@code dVectors} and {@code
   * dOffsets}, and the sampled targets' own to {@code g} as rows.
   *
   * @param later the items after each position's next one, within the target window; null for none
   * @param history the items each position has read: their logits take the history bias, and
   *     under the sampled softmax they are exact negatives; null for none
   * @param weights each position's weight, already divided by the step's total
   * @param logits scratch of at least n rows of {@link #size()}
   */
  double loss(
      float[][] h, int[] targets, int[][] later, SeenItems history, float[] weights, float[][] dh, float[][] dVectors, float[] dOffsets, float[][] logits, Gradients g) {
    int n = targets.length;
    int k = candidates.length;
    int d = w.dim;
    Gemm.ab(h, vectorsT, logits, d, k, 0, n, false);
    float beta = w.historyBias[0][0];
    double dBeta = 0;
    double loss = 0;
    for (int t = 0; t < n; t++) {
      float[] row = logits[t];
      Targets position = Targets.of(targets[t], later == null ? null : later[t], decay);
      int[] positives = position.items();
      double[] shares = position.shares();
      float[] positive = full ? null : new float[positives.length];
      float[][] positiveVectors = full ? null : new float[positives.length][d];
      float max = Float.NEGATIVE_INFINITY;
      if (!full) {
        for (int j = 0; j < positives.length; j++) {
          encoder.itemVector(positives[j], positiveVectors[j]);
          positive[j] = Vectors.dot(h[t], positiveVectors[j], d) + w.outputBias[0][positives[j]] - correction[positives[j]]
              + (history != null && history.holds(t, positives[j]) ? beta : 0f);
          max = Math.max(max, positive[j]);
        }
      }
      int seenCount = history == null ? 0 : history.upTo(t);
      float[] seenLogits = history == null ? null : history.logits;
      Vectors.axpy(1f, offsets, row, k);
      if (full) {
        for (int j = 0; j < seenCount; j++) {
          row[history.items[j]] += beta;
        }
      } else {
        for (int j = 0; j < seenCount; j++) {
          seenLogits[j] = isOneOf(history.items[j], positives)
              ? Float.NEGATIVE_INFINITY
              : Vectors.dot(h[t], history.vectors[j], d) + w.outputBias[0][history.items[j]] + beta;
          max = Math.max(max, seenLogits[j]);
        }
      }
      max = Math.max(max, Vectors.max(row, k));
      // The softmax over thousands of candidates at every position: a vectorised exponential.
      FastMath.expShifted(row, max, row, k);
      double sum = 0;
      if (!full) {
        // A shared negative that is one of the position's targets is left out: the target stands for it.
        for (int c = 0; c < k; c++) {
          for (int target : positives) {
            if (candidates[c] == target) {
              row[c] = 0f;
            }
          }
        }
        for (float p : positive) {
          sum += Math.exp(p - max);
        }
        // The user's own earlier items are exact negatives: a shared negative among them is left out, the exact one stands for it.
        for (int j = 0; j < seenCount; j++) {
          for (int c : places.getOrDefault(history.items[j], NOWHERE)) {
            row[c] = 0f;
          }
          seenLogits[j] = seenLogits[j] == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(seenLogits[j] - max);
          sum += seenLogits[j];
        }
      }
      for (int c = 0; c < k; c++) {
        sum += row[c];
      }
      float weight = weights[t];
      float inverse = (float) (1 / sum);
      double[] probabilities = new double[positives.length];
      for (int j = 0; j < positives.length; j++) {
        probabilities[j] = full ? row[positives[j]] / sum : Math.exp(positive[j] - max) / sum;
      }
      for (int c = 0; c < k; c++) {
        row[c] *= inverse * weight;
      }
      for (int j = 0; j < positives.length; j++) {
        loss -= weight * shares[j] * Math.log(Math.max(1e-30, probabilities[j]));
        if (full) {
          row[positives[j]] -= (float) (weight * shares[j]);
        } else {
          float dPositive = (float) (weight * (probabilities[j] - shares[j]));
          Vectors.axpy(dPositive, positiveVectors[j], dh[t], d);
          if (history != null && history.holds(t, positives[j])) {
            dBeta += dPositive;
          }
          float[] dTarget = new float[d];
          Vectors.axpy(dPositive, h[t], dTarget, d);
          g.addRow(positives[j], dTarget, dPositive);
        }
      }
      for (int j = 0; j < seenCount; j++) {
        if (full) {
          dBeta += row[history.items[j]];
        } else {
          float dSeen = seenLogits[j] * inverse * weight;
          if (dSeen != 0f) {
            Vectors.axpy(dSeen, history.vectors[j], dh[t], d);
            Vectors.axpy(dSeen, h[t], history.dVectors[j], d);
            history.dBiases[j] += dSeen;
            dBeta += dSeen;
          }
        }
      }
      Vectors.axpy(1f, row, dOffsets, k);
    }
    if (history != null) {
      g.tensor(w.historyBiasSlot())[0][0] += (float) dBeta;
      if (!full) {
        for (int j = 0; j < history.items.length; j++) {
          g.addRow(history.items[j], history.dVectors[j], history.dBiases[j]);
        }
      }
    }
    Gemm.ab(logits, vectors, dh, k, d, 0, n, true);
    Gemm.atbAccumulate(logits, h, dVectors, n, d, 0, k);
    return loss;
  }

  /** The places of each item among a sampled softmax's shared candidates (one item may be drawn twice). */
  private static Map<Integer, int[]> placesOf(int[] candidates) {
    Map<Integer, int[]> places = new HashMap<>();
    for (int c = 0; c < candidates.length; c++) {
      int[] before = places.getOrDefault(candidates[c], new int[0]);
      int[] now = Arrays.copyOf(before, before.length + 1);
      now[before.length] = c;
      places.put(candidates[c], now);
    }
    return places;
  }

  private static boolean isOneOf(int item, int[] items) {
    for (int i : items) {
      if (i == item) {
        return true;
      }
    }
    return false;
  }

  /** The encoder whose item vectors a sampled softmax's exact negatives need, or null under the full softmax. */
  Encoder vectorSource() {
    return full ? null : encoder;
  }

  /**
   * A position's targets and the share of its loss each gets: the next item 1, the j-th after it
   * decay^j, summing to 1; an item met twice gets both shares at its first place.
   */
  record Targets(int[] items, double[] shares) {
    static Targets of(int next, int[] later, double decay) {
      if (later == null || later.length == 0 || decay == 0) {
        return new Targets(new int[] {next}, new double[] {1});
      }
      int[] items = new int[later.length + 1];
      double[] shares = new double[later.length + 1];
      items[0] = next;
      shares[0] = 1;
      int m = 1;
      double a = 1;
      double norm = 1;
      for (int item : later) {
        a *= decay;
        norm += a;
        int j = 0;
        while (j < m && items[j] != item) {
          j++;
        }
        if (j == m) {
          items[m++] = item;
        }
        shares[j] += a;
      }
      for (int j = 0; j < m; j++) {
        shares[j] /= norm;
      }
      return new Targets(java.util.Arrays.copyOf(items, m), java.util.Arrays.copyOf(shares, m));
    }
  }
}
