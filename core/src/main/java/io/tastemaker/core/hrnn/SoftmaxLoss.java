package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Vectors;
import java.util.Arrays;

/**
 * The output layer and its loss: for each state {@code h}, softmax cross-entropy of the target
 * against the candidates, logits {@code h . e_j + b_j} (less the sampling correction), and the
 * gradients for the states, the embeddings and the biases.
 *
 * <p>A learned history bias is added to the logit of every item the state's user has read so far
 * ({@link #history}), as serving adds it ({@link UserState#seen}).
 *
 * <p>States are processed in blocks small enough that a block's candidates x states logits stay in
 * the L2 cache through every pass; within a block the logits are held candidates x states, so that
 * every loop, the softmax included, runs along the long axis of states and vectorises.
 */
final class SoftmaxLoss {
  /** Logits per block: 512 KiB of floats, half of a core's L2. */
  private static final int BLOCK_ELEMENTS = 1 << 17;
  /** At least this many states per block, so the long loops stay long even for big catalogues. */
  private static final int MIN_BLOCK = 256;

  private final int dim;
  private int block;
  private float[][] logitsT = new float[0][];
  private float[][] candidateT = new float[0][];
  private float[][] candidateGradients = new float[0][];
  private float[][] hT = new float[0][];
  private float[][] dhT = new float[0][];
  private float[] columnMax = new float[0];
  private float[] columnSum = new float[0];
  private float[] biasSums = new float[0];
  private final float[] positive;
  private final float[] scale;
  private final float[] targetLogit;

  SoftmaxLoss(int rows, int dim) {
    this.dim = dim;
    this.positive = new float[rows];
    this.scale = new float[rows];
    this.targetLogit = new float[rows];
  }

  private void ensure(int k) {
    int wanted = Math.max(MIN_BLOCK, Math.min(1024, BLOCK_ELEMENTS / k));
    if (logitsT.length < k || block != wanted) {
      block = wanted;
      logitsT = new float[k][block];
      candidateT = new float[dim][k];
      hT = new float[dim][block];
      dhT = new float[dim][block];
      columnMax = new float[block];
      columnSum = new float[block];
      biasSums = new float[k];
    }
  }

  /** The gradient of the history bias from the last {@link #run}. */
  double historyGradient;
  /** Per state, the items its user has read so far: the first {@code seenCounts[i]} of {@code seenLists[i]}; null for none. */
  private int[][] seenLists;
  private int[] seenCounts;
  private float historyBias;

  /**
   * The items each state's user has read so far (the first {@code counts[i]} of {@code lists[i]}),
   * whose logits get {@code bias} in the next runs. Under the sampled softmax it reaches the shared
   * candidates and the positive where they are among those items.
   */
  void history(int[][] lists, int[] counts, float bias) {
    this.seenLists = lists;
    this.seenCounts = counts;
    this.historyBias = bias;
  }

  /** Zeroed gradient rows for k sampled candidates (duplicates each get their own row). */
  private float[][] candidateGradients(int k) {
    if (candidateGradients.length < k) {
      candidateGradients = new float[k][dim];
    }
    for (int j = 0; j < k; j++) {
      Arrays.fill(candidateGradients[j], 0f);
    }
    return candidateGradients;
  }

  /**
   * Runs the loss forward and backward.
   *
   * @param e the item vectors
   * @param bias the output bias of each item
   * @param h the states (n x dim)
   * @param targets the item each state must predict, -1 for none
   * @param weights each prediction's weight, already divided by the batch's total
   * @param dh out: the gradient at the states
   * @param gEmbeddings accumulated gradient of the embeddings
   * @param gBias accumulated gradient of the output biases
   * @return the weighted loss
   */
  double run(float[][] e, float[] bias, float[][] h, int n, int[] targets, float[] weights, Candidates c, float[][] dh, float[][] gEmbeddings, float[] gBias) {
    historyGradient = 0;
    int k = c.size();
    ensure(k);
    float[][] candidates = new float[k][];
    float[] shift = new float[k];
    for (int j = 0; j < k; j++) {
      candidates[j] = e[c.items[j]];
      shift[j] = bias[c.items[j]] - c.correction[j];
      for (int p = 0; p < dim; p++) {
        candidateT[p][j] = candidates[j][p];
      }
    }
    float[][] candidateGradients = c.full ? gEmbeddings : this.candidateGradients(k);
    Arrays.fill(biasSums, 0, k, 0f);
    double loss = 0;
    for (int from = 0; from < n; from += block) {
      int to = Math.min(n, from + block);
      loss += block(e, bias, h, from, to, targets, weights, c, candidates, shift, dh, candidateGradients);
    }
    for (int j = 0; j < k; j++) {
      int item = c.items[j];
      if (!c.full) {
        Vectors.axpy(1f, candidateGradients[j], gEmbeddings[item], dim);
      }
      gBias[item] += biasSums[j];
    }
    if (!c.full) {
      for (int i = 0; i < n; i++) {
        float g = positive[i];
        if (g != 0f) {
          int y = targets[i];
          Vectors.axpy(g, e[y], dh[i], dim);
          Vectors.axpy(g, h[i], gEmbeddings[y], dim);
          gBias[y] += g;
        }
      }
    }
    return loss;
  }

  /** One block of states [from, to): logits, softmax, loss and every gradient term. */
  private double block(
      float[][] e, float[] bias, float[][] h, int from, int to, int[] targets, float[] weights, Candidates c, float[][] candidates, float[] shift,
      float[][] dh, float[][] candidateGradients) {
    int k = c.size();
    int m = to - from;
    for (int i = from; i < to; i++) {
      float[] hi = h[i];
      for (int p = 0; p < dim; p++) {
        hT[p][i - from] = hi[p];
      }
    }
    Gemm.ab(candidates, hT, logitsT, dim, m, 0, k, false);
    if (seenLists != null) {
      addHistoryBias(from, to, c);
    }

    Arrays.fill(columnMax, 0, m, Float.NEGATIVE_INFINITY);
    for (int i = from; i < to; i++) {
      int y = targets[i];
      if (y < 0 || weights[i] == 0f) {
        continue;
      }
      int col = i - from;
      if (c.full) {
        targetLogit[i] = logitsT[y][col] + bias[y];
      } else {
        positive[i] = Vectors.dot(h[i], e[y], dim) + bias[y] - c.itemCorrection[y];
        if (seenLists != null && holds(seenLists[i], seenCounts[i], y)) {
          positive[i] += historyBias;
        }
        targetLogit[i] = positive[i];
        columnMax[col] = positive[i];
        for (int j = c.firstColumn[y]; j >= 0; j = c.nextColumn[j]) {
          logitsT[j][col] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    for (int j = 0; j < k; j++) {
      float s = shift[j];
      float[] row = logitsT[j];
      for (int i = 0; i < m; i++) {
        row[i] += s;
        columnMax[i] = Math.max(columnMax[i], row[i]);
      }
    }
    Arrays.fill(columnSum, 0, m, 0f);
    for (int j = 0; j < k; j++) {
      float[] row = logitsT[j];
      FastMath.expShifted(row, columnMax, row, m);
      Vectors.axpy(1f, row, columnSum, m);
    }
    double loss = 0;
    for (int i = from; i < to; i++) {
      int col = i - from;
      int y = targets[i];
      if (y < 0 || weights[i] == 0f) {
        scale[i] = 0;
        positive[i] = 0;
        continue;
      }
      float positiveExp = c.full ? 0f : FastMath.exp(positive[i] - columnMax[col]);
      double z = columnSum[col] + positiveExp;
      loss += weights[i] * (Math.log(z) - (targetLogit[i] - columnMax[col]));
      scale[i] = (float) (weights[i] / z);
      // For the sampled softmax, positive[] now holds the positive's own gradient.
      positive[i] = c.full ? 0f : weights[i] * (float) (positiveExp / z) - weights[i];
      if (!c.full && seenLists != null && holds(seenLists[i], seenCounts[i], y)) {
        historyGradient += positive[i];
      }
    }
    // The gradient at the logits: probabilities times weight, less the weight at the target.
    for (int j = 0; j < k; j++) {
      float[] row = logitsT[j];
      for (int i = 0; i < m; i++) {
        row[i] *= scale[from + i];
      }
    }
    if (c.full) {
      for (int i = from; i < to; i++) {
        if (scale[i] != 0f) {
          logitsT[targets[i]][i - from] -= weights[i];
        }
      }
    }
    if (seenLists != null) {
      historyGradient += historyLogitGradients(from, to, c);
    }
    Gemm.ab(candidateT, logitsT, dhT, k, m, 0, dim, false);
    for (int i = from; i < to; i++) {
      float[] d = dh[i];
      for (int p = 0; p < dim; p++) {
        d[p] = dhT[p][i - from];
      }
    }
    // dE_j += sum_i dlogit_ji h_i: the logits' rows against the block's states, no transpose needed.
    Gemm.ab(logitsT, Arrays.copyOfRange(h, from, to), candidateGradients, m, dim, 0, k, true);
    for (int j = 0; j < k; j++) {
      biasSums[j] += sum(logitsT[j], m);
    }
    return loss;
  }

  /** Adds the history bias to the block's logits of each state's items read, where they are candidates. */
  private void addHistoryBias(int from, int to, Candidates c) {
    for (int i = from; i < to; i++) {
      int[] list = seenLists[i];
      for (int q = 0; q < seenCounts[i]; q++) {
        for (int j = c.firstColumn[list[q]]; j >= 0; j = c.nextColumn[j]) {
          logitsT[j][i - from] += historyBias;
        }
      }
    }
  }

  /** The sum of the block's logit gradients at each state's items read: the history bias's share of them. */
  private double historyLogitGradients(int from, int to, Candidates c) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      int[] list = seenLists[i];
      for (int q = 0; q < seenCounts[i]; q++) {
        for (int j = c.firstColumn[list[q]]; j >= 0; j = c.nextColumn[j]) {
          sum += logitsT[j][i - from];
        }
      }
    }
    return sum;
  }

  private static boolean holds(int[] list, int count, int item) {
    for (int k = 0; k < count; k++) {
      if (list[k] == item) {
        return true;
      }
    }
    return false;
  }

  private static float sum(float[] x, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
    }
    for (; i < n; i++) {
      s0 += x[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
