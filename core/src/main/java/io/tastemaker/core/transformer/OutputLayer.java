package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Vectors;

/**
 * One step's softmax cross-entropy over the next items: over every item when {@code sampler} is
 * null, otherwise over each target and the step's shared negatives with the log-Q correction (a
 * negative that is the target itself is left out). Holds the candidates' vectors, shared by the
 * shards.
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

  OutputLayer(TransformerWeights w, Encoder encoder, int[] candidates, float[] correction) {
    this.w = w;
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
  }

  int size() {
    return candidates.length;
  }

  /**
   * The weighted loss of predicting {@code targets[t]} from state t; adds the gradient at the
   * states to {@code dh}, the candidates' to {@code dVectors} and {@code dOffsets}, and the sampled
   * targets' own to {@code g} as rows.
   *
   * @param weights each position's weight, already divided by the step's total
   * @param logits scratch of at least n rows of {@link #size()}
   */
  double loss(float[][] h, int[] targets, float[] weights, float[][] dh, float[][] dVectors, float[] dOffsets, float[][] logits, Gradients g) {
    int n = targets.length;
    int k = candidates.length;
    int d = w.dim;
    Gemm.ab(h, vectorsT, logits, d, k, 0, n, false);
    double loss = 0;
    float[] targetVector = new float[d];
    for (int t = 0; t < n; t++) {
      float[] row = logits[t];
      int target = targets[t];
      float positive = Float.NEGATIVE_INFINITY;
      if (!full) {
        encoder.itemVector(target, targetVector);
        positive = Vectors.dot(h[t], targetVector, d) + w.outputBias[0][target] - correction[target];
      }
      Vectors.axpy(1f, offsets, row, k);
      float max = Math.max(positive, Vectors.max(row, k));
      // The softmax over thousands of candidates at every position: a vectorised exponential.
      FastMath.expShifted(row, max, row, k);
      if (!full) {
        for (int c = 0; c < k; c++) {
          if (candidates[c] == target) {
            row[c] = 0f;
          }
        }
      }
      double sum = full ? 0 : Math.exp(positive - max);
      for (int c = 0; c < k; c++) {
        sum += row[c];
      }
      float weight = weights[t];
      float inverse = (float) (1 / sum);
      double targetProbability = full ? row[target] / sum : Math.exp(positive - max) / sum;
      for (int c = 0; c < k; c++) {
        row[c] *= inverse * weight;
      }
      if (full) {
        loss -= weight * Math.log(Math.max(1e-30, targetProbability));
        row[target] -= weight;
      } else {
        loss -= weight * Math.log(Math.max(1e-30, targetProbability));
        float dPositive = (float) (weight * (targetProbability - 1));
        Vectors.axpy(dPositive, targetVector, dh[t], d);
        float[] dTarget = new float[d];
        Vectors.axpy(dPositive, h[t], dTarget, d);
        g.addRow(target, dTarget, dPositive);
      }
      Vectors.axpy(1f, row, dOffsets, k);
    }
    Gemm.ab(logits, vectors, dh, k, d, 0, n, true);
    Gemm.atbAccumulate(logits, h, dVectors, n, d, 0, k);
    return loss;
  }
}
