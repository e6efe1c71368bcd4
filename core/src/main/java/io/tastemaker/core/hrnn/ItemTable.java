package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.TouchedRows;
import io.tastemaker.core.kernel.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The item vectors the network reads and scores: {@code v_i = m_i e_i + mean_f(F_f)} over the
 * item's features, where {@code m_i} is 0 for cold items, which have no embedding of their own,
 * and, in training, 0 for a random share of warm items per batch (ID dropout), so that the feature
 * vectors learn to stand in for a missing embedding.
 */
final class ItemTable {
  private final int[][] features;
  private final boolean[] cold;
  private final float idDropout;
  private final boolean plain;
  private final float[] idMask;
  private float[][] vectors;

  /**
   * @param features per item, its item-feature indices (empty arrays when none)
   * @param cold items without an embedding of their own
   * @param idDropout the share of warm items whose embedding is left out in each training batch
   */
  ItemTable(int[][] features, boolean[] cold, float idDropout) {
    this.features = features;
    this.cold = cold;
    this.idDropout = idDropout;
    boolean anyFeature = Arrays.stream(features).anyMatch(f -> f.length > 0);
    boolean anyCold = false;
    for (boolean c : cold) {
      anyCold |= c;
    }
    this.plain = !anyFeature && !anyCold;
    this.idMask = new float[features.length];
  }

  /** A table for a recipe without item metadata: the vectors are the embeddings themselves. */
  static ItemTable plain(int items) {
    return new ItemTable(new int[items][0], new boolean[items], 0f);
  }

  boolean isCold(int item) {
    return cold[item];
  }

  int[] featuresOf(int item) {
    return features[item];
  }

  /** Computes the vectors from the weights; with a random source, applies ID dropout. */
  float[][] compute(HrnnWeights w, SplittableRandom random) {
    if (plain) {
      vectors = w.embeddings;
      return vectors;
    }
    if (vectors == null || vectors == w.embeddings) {
      vectors = new float[w.items][w.dim];
    }
    for (int i = 0; i < w.items; i++) {
      float[] v = vectors[i];
      boolean keep = !cold[i] && (random == null || idDropout == 0f || random.nextFloat() >= idDropout);
      idMask[i] = keep ? 1f : 0f;
      if (keep) {
        System.arraycopy(w.embeddings[i], 0, v, 0, w.dim);
      } else {
        Arrays.fill(v, 0f);
      }
      int[] f = features[i];
      if (f.length > 0) {
        float share = 1f / f.length;
        for (int feature : f) {
          Vectors.axpy(share, w.itemFeatures[feature], v, w.dim);
        }
      }
    }
    return vectors;
  }

  /**
   * Turns the gradient at the vectors (in slot 0) into gradients for the embeddings (slot 0, in
   * place) and the item features.
   */
  void backward(HrnnWeights w, List<float[][]> gradients, int itemFeatureSlot) {
    if (plain) {
      return;
    }
    float[][] g = gradients.get(0);
    float[][] gFeatures = gradients.get(itemFeatureSlot);
    for (int i = 0; i < w.items; i++) {
      int[] f = features[i];
      if (f.length > 0) {
        float share = 1f / f.length;
        for (int feature : f) {
          Vectors.axpy(share, g[i], gFeatures[feature], w.dim);
        }
      }
      if (idMask[i] == 0f) {
        Arrays.fill(g[i], 0f);
      }
    }
  }

  /**
   * {@link #backward(HrnnWeights, List, int)} over the touched items only (the others' gradients are
   * zero), adding the features they pass gradient to into {@code touchedFeatures}.
   */
  void backward(HrnnWeights w, List<float[][]> gradients, int itemFeatureSlot, TouchedRows touchedItems, TouchedRows touchedFeatures) {
    if (plain) {
      return;
    }
    float[][] g = gradients.get(0);
    float[][] gFeatures = gradients.get(itemFeatureSlot);
    for (int k = 0; k < touchedItems.size(); k++) {
      int i = touchedItems.get(k);
      int[] f = features[i];
      if (f.length > 0) {
        float share = 1f / f.length;
        for (int feature : f) {
          Vectors.axpy(share, g[i], gFeatures[feature], w.dim);
          touchedFeatures.add(feature);
        }
      }
      if (idMask[i] == 0f) {
        Arrays.fill(g[i], 0f);
      }
    }
  }
}
