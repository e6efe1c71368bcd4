package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.Gemm;
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
    float[][] vectors = new float[w.items][w.dim];
    for (int i = 0; i < w.items; i++) {
      encoder.itemVector(i, vectors[i]);
    }
    float[][] vectorsT = new float[w.dim][w.items];
    Gemm.transpose(vectors, vectorsT, w.items, w.dim);
    float[] logits = new float[w.items];
    double[] scores = new double[n];
    for (int v = 0; v < n; v++) {
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
      int target = sequences.validationTargets[v];
      float score = logits[target];
      int rank = 0;
      for (int i = 0; i < logits.length && rank < 10; i++) {
        if (logits[i] > score || (logits[i] == score && i < target)) {
          rank++;
        }
      }
      if (rank < 10) {
        scores[v] = 1 / (Math.log(rank + 2) / Math.log(2));
      }
    }
    return scores;
  }
}
