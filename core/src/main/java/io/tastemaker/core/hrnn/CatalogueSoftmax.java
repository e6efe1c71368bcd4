package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Vectors;

/**
 * Personalize's scores for a user, {@code exp(l_i) / sum_j exp(l_j)} over every item of the model,
 * in passes that vectorise. Numerators and denominator come from the same exponentials, so the
 * scores of all items sum to one however they are rounded.
 */
final class CatalogueSoftmax {
  private CatalogueSoftmax() {}

  /** Fills {@code exps} (which may be {@code logits}) with {@code e^(logit - max logit)} and returns their sum. */
  static double exponentiate(float[] logits, float[] exps, int n) {
    return exponentiate(logits, Vectors.max(logits, n), exps, n);
  }

  /** Fills {@code exps} (which may be {@code logits}) with {@code e^(logit - shift)}, shift at least every logit, and returns their sum. */
  static double exponentiate(float[] logits, float shift, float[] exps, int n) {
    FastMath.expShifted(logits, shift, exps, n);
    // Four double sums: exact enough for a million items, and independent for the pipeline.
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += exps[i];
      s1 += exps[i + 1];
      s2 += exps[i + 2];
      s3 += exps[i + 3];
    }
    for (; i < n; i++) {
      s0 += exps[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
