package io.tastemaker.core.transformer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distinct items of a sequence's inputs in order of first appearance, and for each scored
 * position how many of them it has read: the items the history bias applies to there. Under a
 * sampled softmax they are also exact negatives, so their vectors and gradients are kept.
 */
final class SeenItems {
  final int[] items;
  private final int[] countAt;
  /** The items' vectors and their gradients, only under a sampled softmax. */
  final float[][] vectors;
  final float[][] dVectors;
  final float[] dBiases;
  /** Scratch for one position's logits of the items. */
  final float[] logits;

  /**
   * @param inputs the sequence's inputs
   * @param positions the positions scored, in order
   * @param encoder the item vectors, or null when they are not needed (the full softmax)
   */
  SeenItems(int[] inputs, int[] positions, Encoder encoder, int dim) {
    Map<Integer, Integer> first = new LinkedHashMap<>();
    countAt = new int[positions.length];
    int read = 0;
    for (int k = 0; k < positions.length; k++) {
      for (; read <= positions[k]; read++) {
        first.putIfAbsent(inputs[read], first.size());
      }
      countAt[k] = first.size();
    }
    items = first.keySet().stream().mapToInt(Integer::intValue).toArray();
    int count = items.length;
    logits = new float[count];
    if (encoder == null) {
      vectors = dVectors = null;
      dBiases = null;
      return;
    }
    vectors = new float[count][dim];
    dVectors = new float[count][dim];
    dBiases = new float[count];
    for (int j = 0; j < count; j++) {
      encoder.itemVector(items[j], vectors[j]);
    }
  }

  /** How many of {@link #items} the k-th scored position has read. */
  int upTo(int k) {
    return countAt[k];
  }

  /** Whether item j is in the sequence read by the k-th scored position. */
  boolean holds(int k, int item) {
    for (int j = 0; j < countAt[k]; j++) {
      if (items[j] == item) {
        return true;
      }
    }
    return false;
  }
}
