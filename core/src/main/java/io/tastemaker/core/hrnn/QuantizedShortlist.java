package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Logits;
import io.tastemaker.core.kernel.QuantizedItems;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import java.util.Arrays;
import java.util.Optional;

/**
 * A user's top n of a mixture of softmaxes over a large catalogue, {@code sum_v w_v e^(l_vi) / Z_v}
 * (one softmax, or a session blended with the previous one's), from one pass over the 8-bit item
 * table (issue 21), which reads a quarter of the float table's bytes.
 *
 * <p>Every approximate logit is within {@code d_v} of the exact one ({@link QuantizedItems#maxError}),
 * so each exponential {@code E} (shifted by the approximate maximum) lies within the factors {@code
 * e^(+-d_v)} of the approximate one, widened by the fast exponential's own error (below 1e-3 down to
 * {@code e^-46}); so does each {@code Z_v}. That bounds every item's score from below and above.
 * With {@code T} the n-th largest lower bound among the allowed items, n items score at least T, so
 * an item whose upper bound is below T cannot be in the top n. The others, the candidates, are
 * rescored exactly from the float table (each logit the exact pass's value bit for bit) and the top
 * n picked among them in double, ties to the smaller index.
 *
 * <p>Each {@code Z_v} is the sum of the candidates' exact exponentials and the other items'
 * approximate ones: the scores of every item under that definition still sum to 1, and the items
 * left approximate are outside the top n, so their share of Z, and the error it carries, is small.
 */
final class QuantizedShortlist {
  /** More candidates than this (a bound too loose for the scores' spread) and the exact pass is cheaper. */
  static final int MAX_CANDIDATES = 16_384;
  /** The fast exponential's relative error down to {@code e^-46}, with room for float rounding. */
  private static final double EXP_ERROR = 1e-3;
  /** Below this share of the best scores the fast exponential's error is no longer bounded by EXP_ERROR. */
  private static final double SMALLEST_THRESHOLD = 1e-20;

  private QuantizedShortlist() {}

  /**
   * An answer and how it was made: the items rescored exactly (ascending), the shift of each
   * vector's exponentials and their sum {@code Z_v} over the catalogue.
   */
  record Answer(Ranking ranking, int[] candidates, float[] shifts, double[] z) {}

  /**
   * The top n for the vectors {@code users} weighed {@code weights} (which sum to 1), or empty when
   * the bound cannot shortlist them; {@code scratch} holds an item's worth of floats per vector. The
   * items in {@code seen} have {@code historyBias} added to their logits, exactly, in both passes.
   */
  static Optional<Answer> top(
      float[][] users, double[] weights, QuantizedItems table, float[][] vectors, float[] bias, int[] seen, float historyBias, int n, ItemMask mask,
      float[][] scratch) {
    int size = table.items();
    int count = users.length;
    float[] shifts = table.logits(users, count, scratch);
    if (historyBias != 0f) {
      for (int v = 0; v < count; v++) {
        for (int item : seen) {
          scratch[v][item] += historyBias;
        }
        // The shift is the approximate maximum, which a positive bias can raise.
        if (historyBias > 0f) {
          for (int item : seen) {
            shifts[v] = Math.max(shifts[v], scratch[v][item]);
          }
        }
      }
    }
    double[] z = new double[count];
    float[] low = new float[count];
    float[] high = new float[count];
    double scale = 0;
    for (int v = 0; v < count; v++) {
      double d = table.maxError(users[v]);
      z[v] = CatalogueSoftmax.exponentiate(scratch[v], shifts[v], scratch[v], size);
      double down = Math.exp(-d) * (1 - EXP_ERROR);
      double up = Math.exp(d) * (1 + EXP_ERROR);
      // A score's lower bound: its exponential at least E down, over Z at most z up.
      low[v] = (float) (weights[v] * down / (z[v] * up) * (1 - EXP_ERROR));
      high[v] = (float) (weights[v] * up / (z[v] * down) * (1 + EXP_ERROR));
      scale += weights[v] / z[v];
    }
    float threshold = lowerThreshold(scratch, low, n, mask, size);
    if (threshold < SMALLEST_THRESHOLD * scale) {
      return Optional.empty();
    }
    int[] candidates = candidates(scratch, high, threshold, mask, size);
    if (candidates.length > MAX_CANDIDATES) {
      return Optional.empty();
    }
    // Each candidate's approximate term out of each Z, its exact one in.
    double[][] exact = new double[count][candidates.length];
    for (int v = 0; v < count; v++) {
      double correction = 0;
      for (int c = 0; c < candidates.length; c++) {
        int i = candidates[c];
        float logit = Logits.one(users[v], vectors[i], bias[i]) + (Arrays.binarySearch(seen, i) >= 0 ? historyBias : 0f);
        exact[v][c] = Math.exp((double) logit - shifts[v]);
        correction += exact[v][c] - scratch[v][i];
      }
      z[v] += correction;
    }
    // The best n candidates in double, by insertion: candidates are few, and floats would tie scores the double tells apart.
    int keep = Math.min(n, candidates.length);
    int[] items = new int[keep];
    double[] bestScores = new double[keep];
    int kept = 0;
    for (int c = 0; c < candidates.length; c++) {
      double score = 0;
      for (int v = 0; v < count; v++) {
        score += weights[v] * exact[v][c] / z[v];
      }
      if (kept == keep && !(score > bestScores[keep - 1])) {
        continue;
      }
      // Candidates come in ascending order, so a tie stays behind the smaller index.
      int k = kept < keep ? kept++ : keep - 1;
      for (; k > 0 && score > bestScores[k - 1]; k--) {
        items[k] = items[k - 1];
        bestScores[k] = bestScores[k - 1];
      }
      items[k] = candidates[c];
      bestScores[k] = score;
    }
    return Optional.of(new Answer(new Ranking(items, bestScores), candidates, shifts, z));
  }

  /** The n-th largest lower bound {@code sum_v low_v E_vi} (v below low.length) among the allowed items; -infinity when fewer are allowed. */
  private static float lowerThreshold(float[][] exps, float[] low, int n, ItemMask mask, int size) {
    TopK lower = new TopK(Math.min(n, size));
    float threshold = lower.threshold();
    float[] first = exps[0];
    if (low.length == 1) {
      // One vector: the bounds are the exponentials times l0, so a vector scan of the exponentials
      // skips to the next item that may reach the threshold (a little below it, for the rounding).
      float l0 = low[0];
      for (int i = Gemm.nextAtLeast(first, below(threshold, l0), 0, size); i < size; i = Gemm.nextAtLeast(first, below(threshold, l0), i + 1, size)) {
        float bound = l0 * first[i];
        if (bound >= threshold && mask.allows(i)) {
          lower.offer(i, bound);
          threshold = lower.threshold();
        }
      }
      return threshold;
    }
    float[] second = exps[1];
    float l0 = low[0];
    float l1 = low[1];
    for (int i = 0; i < size; i++) {
      float bound = l0 * first[i] + l1 * second[i];
      if (bound >= threshold && mask.allows(i)) {
        lower.offer(i, bound);
        threshold = lower.threshold();
      }
    }
    return threshold;
  }

  /** A value under {@code threshold / factor} (factor > 0) by more than that division's rounding: every x with {@code factor * x >= threshold} reaches it. */
  private static float below(float threshold, float factor) {
    return threshold / factor * 0.9999f;
  }

  /** The allowed items whose upper bound {@code sum_v high_v E_vi} reaches the threshold, ascending. */
  private static int[] candidates(float[][] exps, float[] high, float threshold, ItemMask mask, int size) {
    int[] found = new int[64];
    int count = 0;
    float[] first = exps[0];
    float[] second = high.length > 1 ? exps[1] : first;
    float h0 = high[0];
    float h1 = high.length > 1 ? high[1] : 0f;
    // With one vector, a scan of the exponentials skips the items that cannot reach the threshold;
    // with two, every item is looked at.
    boolean one = high.length == 1;
    float scanned = below(threshold, h0);
    for (int i = one ? Gemm.nextAtLeast(first, scanned, 0, size) : 0; i < size; i = one ? Gemm.nextAtLeast(first, scanned, i + 1, size) : i + 1) {
      if (h0 * first[i] + h1 * second[i] >= threshold && mask.allows(i)) {
        if (count == found.length) {
          if (count > MAX_CANDIDATES) {
            break;
          }
          found = Arrays.copyOf(found, 2 * count);
        }
        found[count++] = i;
      }
    }
    return Arrays.copyOf(found, count);
  }
}
