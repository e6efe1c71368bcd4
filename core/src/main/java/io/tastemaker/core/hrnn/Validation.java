package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Gemm;

/**
 * Scores a network on the held-out users' last items, each in its own context: NDCG@10 over the
 * whole catalogue, the number early stopping watches.
 */
final class Validation {
  private final Sequences sequences;
  private final long sessionGapSeconds;

  Validation(Sequences sequences, long sessionGapSeconds) {
    this.sequences = sequences;
    this.sessionGapSeconds = sessionGapSeconds;
  }

  /** Whether there are held-out users to score epochs by. */
  boolean chooses() {
    return sequences.validationSequences.length > 0;
  }

  /** Each held-out user's NDCG@10 (0 when the item is not in the top 10), in the users' order. */
  double[] ndcgAt10(HrnnWeights w, float[][] items, int[][] userFeatures) {
    int n = sequences.validationSequences.length;
    double[] scores = new double[n];
    if (n == 0) {
      return scores;
    }
    HrnnInference inference = new HrnnInference(w, items, sessionGapSeconds);
    float[][] embeddingsT = new float[w.dim][w.items];
    Gemm.transpose(items, embeddingsT, w.items, w.dim);
    float[] logits = new float[w.items];
    for (int v = 0; v < n; v++) {
      int s = sequences.validationSequences[v];
      UserState state = new UserState(w.dim);
      if (userFeatures.length > 0) {
        state.features = userFeatures[s];
      }
      for (int p = 0; p < sequences.length(s); p++) {
        inference.advance(state, sequences.item(s, p), sequences.time(s, p));
      }
      HistoryMix.addTo(w, state.seen, items, state.h);
      if (w.contextFeatures.length > 0) {
        w.addContext(sequences.contextTable.features(sequences.validationContexts[v]), state.h);
      }
      HrnnInference.logits(state.h, embeddingsT, w.outputBias[0], logits);
      state.addHistoryBias(w.historyBias[0][0], logits);
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
