package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.training.EpochChoice;
import io.tastemaker.core.kernel.Vectors;

/** Scores the network on the held-out users' last items: NDCG@10 over the whole catalogue. */
final class Validation {
  private final UserSequences sequences;
  /** Each held-out user's features, empty without user metadata. */
  private final int[][] features;

  /**
   * @param userFeatures each sequence's user features, or null without user metadata
   */
  Validation(UserSequences sequences, int[][] userFeatures) {
    this.sequences = sequences;
    java.util.Map<Integer, Integer> sequenceOf = new java.util.HashMap<>();
    for (int s = 0; s < sequences.users.length; s++) {
      sequenceOf.put(sequences.users[s], s);
    }
    this.features = new int[sequences.validationUsers.length][];
    for (int v = 0; v < features.length; v++) {
      features[v] = userFeatures == null ? new int[0] : userFeatures[sequenceOf.get(sequences.validationUsers[v])];
    }
  }

  boolean chooses() {
    return sequences.validationTargets.length > 0;
  }

  /** Each held-out user's NDCG@10 (0 when the item is not in the top 10), in the users' order. */
  double[] ndcgAt10(TransformerWeights w, Encoder encoder) {
    int n = sequences.validationTargets.length;
    float[][] vectorsT = transposedItems(w, encoder);
    float[] logits = new float[w.items];
    double[] scores = new double[n];
    for (int v = 0; v < n; v++) {
      logits(v, w, encoder, vectorsT, logits);
      scores[v] = ndcgAt10(logits, sequences.validationTargets[v]);
    }
    return scores;
  }

  /** A weight and share of the transition expert, and the held-out users' mean NDCG@10 with it. */
  record TransitionChoice(double weight, double share, double ndcg, double ndcgWithout) {}

  /** The transition weights tried on the held-out users; 0 first, so that the chain must earn its place. */
  static final double[] TRANSITION_WEIGHTS = {0, 0.1, 0.2, 0.3, 0.5};
  /** The shares of the chain's own probabilities in its smoothing tried with each weight. */
  static final double[] TRANSITION_SHARES = {0.2, 0.5};

  /**
   * The weight and share of the transition expert for the given network: the first, in the order
   * tried (weights ascending), whose held-out NDCG@10 is within one paired standard error of the
   * best one's, as {@link EpochChoice} keeps epochs. A few hundred users' best mean is partly luck,
   * and a lighter weight moves the network's answer less.
   */
  TransitionChoice chooseTransitions(TransformerWeights w, Encoder encoder, TransitionBias.Counts counts) {
    int n = sequences.validationTargets.length;
    float[][] vectorsT = transposedItems(w, encoder);
    float[] logits = new float[w.items];
    float[] moved = new float[w.items];
    int configurations = TRANSITION_WEIGHTS.length * TRANSITION_SHARES.length;
    double[][] scores = new double[configurations][n];
    for (int v = 0; v < n; v++) {
      logits(v, w, encoder, vectorsT, logits);
      int[] input = sequences.validationInputs[v];
      int last = input.length == 0 ? -1 : input[input.length - 1];
      for (int t = 0; t < configurations; t++) {
        System.arraycopy(logits, 0, moved, 0, logits.length);
        counts.addTo(last, TRANSITION_WEIGHTS[t / TRANSITION_SHARES.length], TRANSITION_SHARES[t % TRANSITION_SHARES.length], moved);
        scores[t][v] = ndcgAt10(moved, sequences.validationTargets[v]);
      }
    }
    int best = 0;
    for (int t = 1; t < configurations; t++) {
      if (EpochChoice.mean(scores[t]) > EpochChoice.mean(scores[best])) {
        best = t;
      }
    }
    int chosen = best;
    for (int t = 0; t < best; t++) {
      double difference = EpochChoice.mean(scores[t]) - EpochChoice.mean(scores[best]);
      if (difference >= -EpochChoice.pairedStandardError(scores[t], scores[best], difference)) {
        chosen = t;
        break;
      }
    }
    return new TransitionChoice(
        TRANSITION_WEIGHTS[chosen / TRANSITION_SHARES.length], TRANSITION_SHARES[chosen % TRANSITION_SHARES.length], EpochChoice.mean(scores[chosen]),
        EpochChoice.mean(scores[0]));
  }

  private static float[][] transposedItems(TransformerWeights w, Encoder encoder) {
    float[][] vectors = new float[w.items][w.dim];
    for (int i = 0; i < w.items; i++) {
      encoder.itemVector(i, vectors[i]);
    }
    float[][] vectorsT = new float[w.dim][w.items];
    Gemm.transpose(vectors, vectorsT, w.items, w.dim);
    return vectorsT;
  }

  /** Held-out user v's logits over every item, the history bias included. */
  private void logits(int v, TransformerWeights w, Encoder encoder, float[][] vectorsT, float[] logits) {
    Encoder.Pass pass = encoder.forward(sequences.validationInputs[v], features[v], 0f, null);
    float[] h = pass.h[pass.length - 1];
    if (sequences.validationContexts != null) {
      w.addContext(sequences.contextTable.features(sequences.validationContexts[v]), h);
    }
    System.arraycopy(w.outputBias[0], 0, logits, 0, w.items);
    for (int p = 0; p < w.dim; p++) {
      Vectors.axpy(h[p], vectorsT[p], logits, w.items);
    }
    for (int seen : java.util.Arrays.stream(sequences.validationInputs[v]).distinct().toArray()) {
      logits[seen] += w.historyBias[0][0];
    }
  }

  /** 1 / log2(rank + 2) for the target's rank among the logits (ties to the lower index), 0 past the tenth. */
  private static double ndcgAt10(float[] logits, int target) {
    float score = logits[target];
    int rank = 0;
    for (int i = 0; i < logits.length && rank < 10; i++) {
      if (logits[i] > score || (logits[i] == score && i < target)) {
        rank++;
      }
    }
    return rank < 10 ? 1 / (Math.log(rank + 2) / Math.log(2)) : 0;
  }
}
