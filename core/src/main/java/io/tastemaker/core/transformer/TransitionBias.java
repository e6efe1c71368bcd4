package io.tastemaker.core.transformer;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * A first-order transition expert folded into the transformer's logits: after a user's newest item
 * {@code a}, each item {@code b} that followed {@code a} in training gets {@code weight * log(1 +
 * share n c(a,b) / ((1 - share) c(a)))} added to its logit. That is the product of the network's
 * softmax with {@code (share P(b | a) + (1 - share) / n)^weight}, a smoothed Markov chain, up to a
 * factor common to every item, so only the items seen after {@code a} move and the softmax still
 * spans the catalogue. The attention reads the whole history at once and errs where counting the
 * last step does not (design notes, issue 15). Weight and share are chosen on the held-out users;
 * weight 0 (no table) where the chain does not help them.
 */
final class TransitionBias {
  /** The most next items kept per item, the most frequent: bounds the table by the catalogue. */
  static final int MAX_NEXT = 128;

  static final TransitionBias NONE = new TransitionBias(new int[] {0}, new int[0], new float[0]);

  /** Row of item a: entries [rowStart[a], rowStart[a + 1]), next items ascending. */
  private final int[] rowStart;
  private final int[] next;
  private final float[] boost;

  private TransitionBias(int[] rowStart, int[] next, float[] boost) {
    this.rowStart = rowStart;
    this.next = next;
    this.boost = boost;
  }

  /** The counts of consecutive pairs in the training sequences, each item's {@link #MAX_NEXT} most frequent successors. */
  record Counts(int items, int[] rowStart, int[] next, int[] count, long[] total) {
    /** The table for this weight and share; {@link #NONE} for weight 0. It shares the counts' rows, which nothing changes. */
    TransitionBias bias(double weight, double share) {
      if (weight == 0) {
        return NONE;
      }
      float[] boost = new float[next.length];
      for (int a = 0; a < items; a++) {
        for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
          boost[k] = boost(a, k, weight, share);
        }
      }
      return new TransitionBias(rowStart, next, boost);
    }

    /**
     * What {@code bias(weight, share).addTo(last, logits)} adds, from the row of {@code last} alone:
     * trying weights on held-out users needs no table per weight.
     */
    void addTo(int last, double weight, double share, float[] logits) {
      if (weight == 0 || last < 0 || last >= items) {
        return;
      }
      for (int k = rowStart[last]; k < rowStart[last + 1]; k++) {
        logits[next[k]] += boost(last, k, weight, share);
      }
    }

    private float boost(int a, int k, double weight, double share) {
      return (float) (weight * Math.log1p(share * items * count[k] / ((1 - share) * total[a])));
    }
  }

  /**
   * Each user's whole history in the data, oldest first, without the last item of the held-out
   * users (their last step is what chooses the weight): the chain counts every step, not only the
   * network's window of the newest items.
   */
  static int[][] histories(InteractionData data, int[] heldOutUsers) {
    boolean[] heldOut = new boolean[data.userCount()];
    for (int u : heldOutUsers) {
      heldOut[u] = true;
    }
    int[][] histories = new int[data.userCount()][];
    for (int u = 0; u < histories.length; u++) {
      int end = data.end(u) - (heldOut[u] ? 1 : 0);
      histories[u] = new int[Math.max(0, end - data.start(u))];
      for (int i = data.start(u); i < end; i++) {
        histories[u][i - data.start(u)] = data.item(i);
      }
    }
    return histories;
  }

  /** Counts every consecutive pair of the sequences' items, by sorting the pairs (no map of boxed pairs at a million items). */
  static Counts count(int[][] sequences, int items) {
    long[] total = new long[items];
    int pairs = 0;
    for (int[] seq : sequences) {
      pairs += Math.max(0, seq.length - 1);
    }
    long[] keys = new long[pairs];
    int n = 0;
    for (int[] seq : sequences) {
      for (int p = 0; p + 1 < seq.length; p++) {
        total[seq[p]]++;
        keys[n++] = (long) seq[p] * items + seq[p + 1];
      }
    }
    Arrays.sort(keys);
    // Runs of equal keys, grouped by their first item (ascending, as the keys sort).
    int[] rowStart = new int[items + 1];
    // At most one entry per pair; trimmed at the end.
    int[] next = new int[keys.length];
    int[] count = new int[keys.length];
    int size = 0;
    int k = 0;
    while (k < keys.length) {
      int a = (int) (keys[k] / items);
      int rowEnd = k;
      while (rowEnd < keys.length && keys[rowEnd] / items == a) {
        rowEnd++;
      }
      // The row's distinct successors and their counts.
      int distinct = 0;
      int[] successors = new int[rowEnd - k];
      int[] counts = new int[rowEnd - k];
      for (int j = k; j < rowEnd; j++) {
        int b = (int) (keys[j] % items);
        if (distinct > 0 && successors[distinct - 1] == b) {
          counts[distinct - 1]++;
        } else {
          successors[distinct] = b;
          counts[distinct++] = 1;
        }
      }
      int[] keep = keptIndices(counts, distinct);
      for (int i : keep) {
        next[size] = successors[i];
        count[size++] = counts[i];
      }
      rowStart[a + 1] = keep.length;
      k = rowEnd;
    }
    for (int a = 0; a < items; a++) {
      rowStart[a + 1] += rowStart[a];
    }
    return new Counts(items, rowStart, Arrays.copyOf(next, size), Arrays.copyOf(count, size), total);
  }

  /** The indices of the {@link #MAX_NEXT} largest counts (ties to the lower index), ascending. */
  private static int[] keptIndices(int[] counts, int distinct) {
    if (distinct <= MAX_NEXT) {
      int[] all = new int[distinct];
      Arrays.setAll(all, i -> i);
      return all;
    }
    Integer[] order = new Integer[distinct];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (x, y) -> counts[x] != counts[y] ? Integer.compare(counts[y], counts[x]) : Integer.compare(x, y));
    return Arrays.stream(order).limit(MAX_NEXT).mapToInt(Integer::intValue).sorted().toArray();
  }

  boolean isEmpty() {
    return next.length == 0;
  }

  /** Adds the boosts of the items that followed {@code last} to their logits; nothing for -1 or an item without a row. */
  void addTo(int last, float[] logits) {
    if (last < 0 || last + 1 >= rowStart.length) {
      return;
    }
    for (int k = rowStart[last]; k < rowStart[last + 1]; k++) {
      logits[next[k]] += boost[k];
    }
  }

  /** The boost of {@code item} after {@code last}; 0 where it never followed. */
  float boost(int last, int item) {
    if (last < 0 || last + 1 >= rowStart.length) {
      return 0;
    }
    int k = Arrays.binarySearch(next, rowStart[last], rowStart[last + 1], item);
    return k >= 0 ? boost[k] : 0;
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInts(rowStart);
    out.writeInts(next);
    out.writeFloats(boost);
  }

  static TransitionBias readFrom(BinaryReader in, int items) {
    int[] rowStart = in.readInts();
    int[] next = in.readInts();
    float[] boost = in.readFloats();
    if (rowStart.length == 1 && next.length == 0) {
      return NONE;
    }
    if (rowStart.length != items + 1 || rowStart[items] != next.length || boost.length != next.length) {
      throw new IllegalArgumentException("a transition table of " + (rowStart.length - 1) + " rows and " + next.length + " entries for " + items + " items");
    }
    for (int item : next) {
      if (item < 0 || item >= items) {
        throw new IllegalArgumentException("a transition to item " + item + " outside the model's " + items);
      }
    }
    return new TransitionBias(rowStart, next, boost);
  }
}
