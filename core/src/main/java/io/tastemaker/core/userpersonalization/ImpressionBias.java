package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.UserQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Learns from impressions what interactions cannot say: which items users were shown and passed
 * over. Each impression is a choice among the shown items, modelled as a softmax over them of the
 * network's log-probabilities for the user plus a per-item offset {@code d}, so that
 * {@code P(chosen | shown) = p_c e^{d_c} / sum_{j in shown} p_j e^{d_j}} (a conditional logit). The
 * offsets maximise the likelihood of every impression under a Gaussian prior ({@link
 * #PRIOR_PRECISION}), by diagonal Newton steps: an item shown often and rarely chosen gets a negative
 * offset, and the model's probabilities become {@code p_i e^{d_i}}, renormalised over every item.
 *
 * <p>The network's probabilities are each user's after their whole training history, not at the
 * time of each impression: one pass per user, and the offsets only correct what the user's taste
 * does not already explain.
 */
final class ImpressionBias {
  /** The precision of the Gaussian prior on each offset: how many impressions' worth of evidence keeps it near 0. */
  static final double PRIOR_PRECISION = 1.0;
  static final int ITERATIONS = 30;
  /** Largest move of an offset in one step, and largest offset, in nats. */
  static final double MAX_STEP = 1.0;
  static final double MAX_OFFSET = 6.0;

  private ImpressionBias() {}

  /**
   * Offsets for every item of the catalogue; all zero without impressions.
   *
   * @param probabilities each user's probabilities over the catalogue, before offsets
   */
  static float[] fit(ItemCatalog items, Function<UserQuery, double[]> probabilities, Impressions impressions) {
    float[] offsets = new float[items.size()];
    Map<String, List<Impressions.Shown>> byUser = new LinkedHashMap<>();
    for (Impressions.Shown s : impressions.all()) {
      byUser.computeIfAbsent(s.userId(), u -> new ArrayList<>()).add(s);
    }
    List<int[]> slates = new ArrayList<>();
    List<double[]> logits = new ArrayList<>();
    for (Map.Entry<String, List<Impressions.Shown>> user : byUser.entrySet()) {
      double[] p = probabilities.apply(UserQuery.of(user.getKey()));
      for (Impressions.Shown s : user.getValue()) {
        OptionalInt chosen = items.indexOf(s.chosenItemId());
        if (chosen.isEmpty()) {
          continue;
        }
        List<Integer> slate = new ArrayList<>();
        slate.add(chosen.getAsInt());
        for (String id : s.shown()) {
          OptionalInt item = items.indexOf(id);
          if (item.isPresent() && item.getAsInt() != chosen.getAsInt()) {
            slate.add(item.getAsInt());
          }
        }
        if (slate.size() < 2) {
          continue;
        }
        int[] slateItems = slate.stream().mapToInt(Integer::intValue).toArray();
        double[] slateLogits = new double[slateItems.length];
        for (int k = 0; k < slateItems.length; k++) {
          slateLogits[k] = Math.log(Math.max(p[slateItems[k]], 1e-300));
        }
        slates.add(slateItems);
        logits.add(slateLogits);
      }
    }
    if (slates.isEmpty()) {
      return offsets;
    }
    double[] d = new double[offsets.length];
    double[] gradient = new double[offsets.length];
    double[] curvature = new double[offsets.length];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      for (int i = 0; i < d.length; i++) {
        gradient[i] = -PRIOR_PRECISION * d[i];
        curvature[i] = PRIOR_PRECISION;
      }
      for (int s = 0; s < slates.size(); s++) {
        int[] slate = slates.get(s);
        double[] l = logits.get(s);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < slate.length; k++) {
          max = Math.max(max, l[k] + d[slate[k]]);
        }
        double z = 0;
        double[] q = new double[slate.length];
        for (int k = 0; k < slate.length; k++) {
          q[k] = Math.exp(l[k] + d[slate[k]] - max);
          z += q[k];
        }
        // The chosen item is first in its slate.
        gradient[slate[0]] += 1;
        for (int k = 0; k < slate.length; k++) {
          q[k] /= z;
          gradient[slate[k]] -= q[k];
          curvature[slate[k]] += q[k] * (1 - q[k]);
        }
      }
      for (int i = 0; i < d.length; i++) {
        double step = Math.max(-MAX_STEP, Math.min(MAX_STEP, gradient[i] / curvature[i]));
        d[i] = Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, d[i] + step));
      }
    }
    for (int i = 0; i < d.length; i++) {
      offsets[i] = (float) d[i];
    }
    return offsets;
  }
}
