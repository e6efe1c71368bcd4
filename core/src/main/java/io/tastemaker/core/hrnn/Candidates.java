package io.tastemaker.core.hrnn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The items a batch's softmax runs over: every item for small catalogues, or negatives drawn in
 * proportion to popularity for large ones, with the log-frequency correction {@code -log(K q_j)} of
 * sampled softmax (Jean et al., ACL 2015) so that the sampled loss estimates the full one.
 */
final class Candidates {
  final int[] items;
  /** Subtracted from each candidate's logit; 0 in the full softmax. */
  final float[] correction;
  final boolean full;
  /** For the sampled softmax: log(K q_j) of every item, for the positives' own correction. */
  final float[] itemCorrection;
  /** Per item, its first column among the candidates (-1 if none); chained by {@link #nextColumn}. */
  final int[] firstColumn;
  final int[] nextColumn;

  private Candidates(int[] items, float[] correction, boolean full, float[] itemCorrection, int itemCount) {
    this.items = items;
    this.correction = correction;
    this.full = full;
    this.itemCorrection = itemCorrection;
    this.firstColumn = new int[itemCount];
    this.nextColumn = new int[items.length];
    Arrays.fill(firstColumn, -1);
    for (int j = items.length - 1; j >= 0; j--) {
      nextColumn[j] = firstColumn[items[j]];
      firstColumn[items[j]] = j;
    }
  }

  static Candidates all(int itemCount) {
    int[] items = new int[itemCount];
    Arrays.setAll(items, i -> i);
    return new Candidates(items, new float[itemCount], true, new float[itemCount], itemCount);
  }

  int size() {
    return items.length;
  }

  /** Draws candidates by popularity with an alias table. */
  static final class Sampler {
    private final int itemCount;
    private final int samples;
    private final double[] probability;
    private final int[] alias;
    private final float[] itemCorrection;

    Sampler(long[] counts, int samples) {
      this.itemCount = counts.length;
      this.samples = samples;
      double total = 0;
      for (long c : counts) {
        total += c + 1;
      }
      // Add-one smoothing, so that items never seen as targets can still be drawn.
      double[] q = new double[itemCount];
      for (int i = 0; i < itemCount; i++) {
        q[i] = (counts[i] + 1) / total;
      }
      this.itemCorrection = new float[itemCount];
      for (int i = 0; i < itemCount; i++) {
        itemCorrection[i] = (float) Math.log(samples * q[i]);
      }
      this.probability = new double[itemCount];
      this.alias = new int[itemCount];
      buildAlias(q);
    }

    private void buildAlias(double[] q) {
      int n = q.length;
      double[] scaled = new double[n];
      int[] small = new int[n];
      int[] large = new int[n];
      int ns = 0;
      int nl = 0;
      for (int i = 0; i < n; i++) {
        scaled[i] = q[i] * n;
        if (scaled[i] < 1) {
          small[ns++] = i;
        } else {
          large[nl++] = i;
        }
      }
      while (ns > 0 && nl > 0) {
        int s = small[--ns];
        int l = large[--nl];
        probability[s] = scaled[s];
        alias[s] = l;
        scaled[l] = scaled[l] + scaled[s] - 1;
        if (scaled[l] < 1) {
          small[ns++] = l;
        } else {
          large[nl++] = l;
        }
      }
      while (nl > 0) {
        probability[large[--nl]] = 1;
      }
      while (ns > 0) {
        probability[small[--ns]] = 1;
      }
    }

    Candidates draw(SplittableRandom random) {
      int[] items = new int[samples];
      float[] correction = new float[samples];
      for (int j = 0; j < samples; j++) {
        int i = random.nextInt(itemCount);
        int item = random.nextDouble() < probability[i] ? i : alias[i];
        items[j] = item;
        correction[j] = itemCorrection[item];
      }
      return new Candidates(items, correction, false, itemCorrection, itemCount);
    }
  }
}
