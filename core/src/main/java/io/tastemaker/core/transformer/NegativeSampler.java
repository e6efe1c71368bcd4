package io.tastemaker.core.transformer;

import java.util.SplittableRandom;

/**
 * Draws a step's shared negatives in proportion to popularity (Walker's alias method), with each
 * item's log-Q correction {@code log(K q_i)}: subtracted from the logits of a sampled softmax, it
 * makes the sampled loss an estimate of the full one (Jean et al., ACL 2015; Yi et al., RecSys 2019).
 */
final class NegativeSampler {
  private final int samples;
  private final double[] probability;
  private final int[] alias;
  /** log(K q_i) per item. */
  final float[] correction;

  /** Popularity from counts with add-one smoothing, so every item can be drawn. */
  NegativeSampler(long[] counts, int samples) {
    int n = counts.length;
    this.samples = samples;
    double total = 0;
    for (long c : counts) {
      total += c + 1;
    }
    double[] q = new double[n];
    correction = new float[n];
    for (int i = 0; i < n; i++) {
      q[i] = (counts[i] + 1) / total;
      correction[i] = (float) Math.log(samples * q[i]);
    }
    probability = new double[n];
    alias = new int[n];
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
      scaled[l] += scaled[s] - 1;
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

  int[] draw(SplittableRandom random) {
    int[] items = new int[samples];
    for (int j = 0; j < samples; j++) {
      int i = random.nextInt(probability.length);
      items[j] = random.nextDouble() < probability[i] ? i : alias[i];
    }
    return items;
  }
}
