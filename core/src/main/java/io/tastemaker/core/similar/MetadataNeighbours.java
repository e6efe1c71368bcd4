package io.tastemaker.core.similar;

import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.kernel.TopK;
import java.util.List;
import java.util.Optional;

/**
 * Items that share metadata: each item is a binary vector of its features (categorical values such as
 * {@code GENRES=Comedy}, and the words of textual fields, {@link io.tastemaker.core.data.TextFeatures})
 * weighted by inverse document frequency, so that a rare genre or word says more than a common one
 * (TF-IDF with binary term frequencies), and its neighbours are the items of highest cosine
 * similarity. Dot products are accumulated over each feature's posting list, so only items sharing
 * a feature are touched.
 *
 * @param items per item, its neighbours best first (ties to the smaller index)
 * @param scores per item, the cosine similarity of each neighbour, in (0, 1]
 */
record MetadataNeighbours(int[][] items, float[][] scores) {

  /**
   * The neighbours of every item of {@code ids} by the features of all {@code sources} together, at
   * most {@code limit} each; an item without features has none.
   */
  static MetadataNeighbours of(List<String> ids, List<Metadata> sources, int limit) {
    int n = ids.size();
    int vocabulary = 0;
    int[] offsets = new int[sources.size()];
    for (int s = 0; s < sources.size(); s++) {
      offsets[s] = vocabulary;
      vocabulary += sources.get(s).vocabulary().size();
    }
    int[][] features = new int[n][];
    int[] documents = new int[vocabulary];
    for (int i = 0; i < n; i++) {
      int[] all = new int[0];
      for (int s = 0; s < sources.size(); s++) {
        Optional<int[]> f = sources.get(s).featuresOf(ids.get(i));
        if (f.isPresent()) {
          int[] own = f.get();
          int[] joined = java.util.Arrays.copyOf(all, all.length + own.length);
          for (int k = 0; k < own.length; k++) {
            joined[all.length + k] = own[k] + offsets[s];
          }
          all = joined;
        }
      }
      features[i] = all;
      for (int feature : all) {
        documents[feature]++;
      }
    }
    double[] weight = new double[vocabulary];
    for (int f = 0; f < vocabulary; f++) {
      weight[f] = documents[f] == 0 ? 0 : Math.log((double) n / documents[f]);
    }
    int[][] postings = new int[vocabulary][];
    int[] filled = new int[vocabulary];
    for (int f = 0; f < vocabulary; f++) {
      postings[f] = new int[documents[f]];
    }
    double[] norm = new double[n];
    for (int i = 0; i < n; i++) {
      for (int feature : features[i]) {
        postings[feature][filled[feature]++] = i;
        norm[i] += weight[feature] * weight[feature];
      }
      norm[i] = Math.sqrt(norm[i]);
    }
    int[][] neighbours = new int[n][];
    float[][] scores = new float[n][];
    double[] dot = new double[n];
    int[] touched = new int[n];
    // stamp[j] == i + 1 once item j is among item i's touched ones.
    int[] stamp = new int[n];
    TopK top = new TopK(limit);
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int feature : features[i]) {
        double w = weight[feature] * weight[feature];
        if (w == 0) {
          continue;
        }
        for (int j : postings[feature]) {
          if (j != i) {
            if (stamp[j] != i + 1) {
              stamp[j] = i + 1;
              touched[count++] = j;
            }
            dot[j] += w;
          }
        }
      }
      top.clear();
      for (int k = 0; k < count; k++) {
        int j = touched[k];
        if (dot[j] > 0) {
          top.offer(j, (float) Math.min(1.0, dot[j] / (norm[i] * norm[j])));
        }
        dot[j] = 0;
      }
      float[] s = new float[top.size()];
      neighbours[i] = top.drainIndices(s);
      scores[i] = s;
    }
    return new MetadataNeighbours(neighbours, scores);
  }
}
