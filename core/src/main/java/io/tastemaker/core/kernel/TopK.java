package io.tastemaker.core.kernel;

import java.util.function.IntPredicate;

/**
 * The k largest scores, best first, with ties broken by the smaller index so that answers never
 * depend on iteration order. A min-heap on primitives whose root is the entry threshold, so most
 * candidates are rejected with one comparison.
 */
public final class TopK {
  private final int[] heapIndex;
  private final float[] heapScore;
  private int size;

  public TopK(int k) {
    this.heapIndex = new int[Math.max(0, k)];
    this.heapScore = new float[Math.max(0, k)];
  }

  /** Empties the heap for another query. */
  public void clear() {
    size = 0;
  }

  /** Whether (score, index) ranks below (otherScore, otherIndex). */
  private static boolean worse(float score, int index, float otherScore, int otherIndex) {
    return score < otherScore || (score == otherScore && index > otherIndex);
  }

  public void offer(int index, float score) {
    int k = heapIndex.length;
    if (k == 0) {
      return;
    }
    if (size < k) {
      heapIndex[size] = index;
      heapScore[size] = score;
      siftUp(size++);
    } else if (worse(heapScore[0], heapIndex[0], score, index)) {
      heapIndex[0] = index;
      heapScore[0] = score;
      siftDown(0);
    }
  }

  /**
   * Offers each index below {@code size} that {@code allows} accepts, with its weight. Once the heap
   * is full few items reach its threshold: a vector scan skips to the next that does.
   */
  public void offerAll(float[] weights, int size, IntPredicate allows) {
    float threshold = threshold();
    for (int i = Gemm.nextAtLeast(weights, threshold, 0, size); i < size; i = Gemm.nextAtLeast(weights, threshold, i + 1, size)) {
      if (allows.test(i)) {
        offer(i, weights[i]);
        threshold = threshold();
      }
    }
  }

  /** The lowest score that still enters: -infinity while the heap is not full, +infinity when k is 0. */
  public float threshold() {
    if (heapIndex.length == 0) {
      return Float.POSITIVE_INFINITY;
    }
    return size < heapIndex.length ? Float.NEGATIVE_INFINITY : heapScore[0];
  }

  public int size() {
    return size;
  }

  /** Drains the heap into best-first order; the heap is empty afterwards. */
  public int[] drainIndices(float[] scoresOut) {
    int n = size;
    int[] indices = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      indices[i] = heapIndex[0];
      if (scoresOut != null) {
        scoresOut[i] = heapScore[0];
      }
      size--;
      heapIndex[0] = heapIndex[size];
      heapScore[0] = heapScore[size];
      siftDown(0);
    }
    return indices;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(heapScore[i], heapIndex[i], heapScore[parent], heapIndex[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int smallest = left;
      int right = left + 1;
      if (right < size && worse(heapScore[right], heapIndex[right], heapScore[left], heapIndex[left])) {
        smallest = right;
      }
      if (!worse(heapScore[smallest], heapIndex[smallest], heapScore[i], heapIndex[i])) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    int ti = heapIndex[a];
    heapIndex[a] = heapIndex[b];
    heapIndex[b] = ti;
    float ts = heapScore[a];
    heapScore[a] = heapScore[b];
    heapScore[b] = ts;
  }
}
