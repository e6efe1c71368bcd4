package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Vectors;

/**
 * Personalize's scores for a user, {@code exp(l_i) / sum_j exp(l_j)} over every item of the model,
 * in passes that vectorise (the exponentials and their sum in one, {@link Gemm#expShiftedSum}). Numerators and denominator come from the same exponentials, so the
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
    return Gemm.expShiftedSum(logits, shift, exps, n);
  }
}
