package io.tastemaker.core.similar;

import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.kernel.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Items that share categorical metadata: each item is a vector of its features ({@code
 * GENRES=Comedy}, ...) weighted by inverse document frequency, so that a rare genre says more than
 * a common one, and its neighbours are the items of highest cosine similarity. Dot products are
 * accumulated over each feature's posting list, so only items sharing a feature are touched.
 */
final class MetadataNeighbours {
  private MetadataNeighbours() {}

  /**
   * The neighbours of every item of {@code ids}, best first, at most {@code limit} each; an item
   * without features has none.
   */
  static int[][] of(List<String> ids, Metadata metadata, int limit) {
    int n = ids.size();
    int[][] features = new int[n][];
    int vocabulary = metadata.vocabulary().size();
    int[] documents = new int[vocabulary];
    for (int i = 0; i < n; i++) {
      Optional<int[]> f = metadata.featuresOf(ids.get(i));
      features[i] = f.orElse(new int[0]);
      for (int feature : features[i]) {
        documents[feature]++;
      }
    }
    double[] weight = new double[vocabulary];
    for (int f = 0; f < vocabulary; f++) {
      weight[f] = documents[f] == 0 ? 0 : Math.log((double) n / documents[f]);
    }
    List<List<Integer>> postings = new ArrayList<>(vocabulary);
    for (int f = 0; f < vocabulary; f++) {
      postings.add(new ArrayList<>());
    }
    double[] norm = new double[n];
    for (int i = 0; i < n; i++) {
      for (int feature : features[i]) {
        postings.get(feature).add(i);
        norm[i] += weight[feature] * weight[feature];
      }
      norm[i] = Math.sqrt(norm[i]);
    }
    int[][] neighbours = new int[n][];
    double[] dot = new double[n];
    int[] touched = new int[n];
    // stamp[j] == i + 1 once item j is among item i's touched ones.
    int[] stamp = new int[n];
    TopK top = new TopK(limit);
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int feature : features[i]) {
        double w = weight[feature] * weight[feature];
        for (int j : postings.get(feature)) {
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
          top.offer(j, (float) (dot[j] / (norm[i] * norm[j])));
        }
        dot[j] = 0;
      }
      neighbours[i] = top.drainIndices(null);
    }
    return neighbours;
  }
}
