package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.model.ItemMask;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks an answer with exploration by Thompson sampling (Chapelle and Li, "An Empirical Evaluation
 * of Thompson Sampling", NIPS 2011): each slot of the answer explores with probability {@code
 * explorationWeight}; the explored slots go to the young items (first seen within the age cut-off)
 * whose draw from their Beta posterior of being chosen when shown ({@link ItemExposure}), tilted
 * by the square root of the model's relevance for the user relative to the other young items, is
 * highest. An item with few impressions has a wide posterior and often draws high; one shown often
 * and rarely chosen draws low and is left alone. Explored items replace the least relevant ones
 * of the relevance answer; the answer stays sorted by the model's score.
 */
final class ThompsonExploration {
  /** How much the user's relevance tilts an item's draw: its ratio to the young items' mean, to this power. */
  static final double RELEVANCE_TILT = 0.5;

  private ThompsonExploration() {}

  /** An answer: items best first by score, and which of them exploration placed. */
  record Picked(int[] items, boolean[] explored) {}

  /**
   * In one pass over the catalogue, with nothing of its size allocated: the young items are met in
   * index order, each drawn as it comes unless its relevance alone cannot reach the best {@code
   * slots} draws so far, and only those best draws are kept.
   *
   * @param p every item's probability for the user, up to a common factor
   */
  static Picked pick(float[] p, int n, ItemMask mask, ItemExposure exposure, ExplorationSettings settings, SplittableRandom random) {
    int[] relevant = top(p, n, mask);
    if (!settings.explores() || relevant.length == 0) {
      return new Picked(relevant, new boolean[relevant.length]);
    }
    int slots = 0;
    for (int k = 0; k < relevant.length; k++) {
      if (random.nextDouble() < settings.weight()) {
        slots++;
      }
    }
    if (slots == 0) {
      return new Picked(relevant, new boolean[relevant.length]);
    }
    Answer inAnswer = new Answer(relevant, p);
    long cutOff = settings.cutOffSeconds();
    Draws best = new Draws(slots);
    for (int i = 0; i < p.length; i++) {
      if (exposure.young(i, cutOff) && mask.allows(i) && !inAnswer.holds(i)) {
        // The tilt against the young items' mean is this item's log relevance less a term common to all young items,
        // which does not change their order: it is left out. A probability flushed to zero counts as the smallest normal one.
        double tilt = RELEVANCE_TILT * Math.log(Math.max(p[i], Float.MIN_NORMAL));
        // A draw is log(theta) + tilt with theta at most 1: an item whose tilt does not beat the worst of the best draws
        // so far cannot enter them (ties go to the earlier item), so it is not drawn. The draws that are made are
        // independent as before, so the answer's distribution is Thompson sampling's over every young item.
        if (!best.mayEnter(tilt)) {
          continue;
        }
        double theta = BetaSampler.beta(exposure.alpha(i), exposure.beta(i), random);
        best.offer(i, Math.log(Math.max(theta, Double.MIN_NORMAL)) + tilt);
      }
    }
    slots = best.size;
    if (slots == 0) {
      return new Picked(relevant, new boolean[relevant.length]);
    }
    // The explored items replace the least relevant ones, then the answer is sorted by score, ties by index.
    int[] items = Arrays.copyOf(relevant, relevant.length);
    for (int k = 0; k < slots; k++) {
      items[relevant.length - 1 - k] = best.items[k];
    }
    Integer[] order = Arrays.stream(items).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
    int[] sorted = new int[order.length];
    boolean[] flags = new boolean[order.length];
    int[] explored = Arrays.copyOf(best.items, slots);
    Arrays.sort(explored);
    for (int k = 0; k < order.length; k++) {
      sorted[k] = order[k];
      flags[k] = Arrays.binarySearch(explored, order[k]) >= 0;
    }
    return new Picked(sorted, flags);
  }

  /** Whether exploration may place the item: young, allowed, and not already in the relevance answer. */
  private static boolean isYoung(int item, Answer inAnswer, ItemMask mask, ItemExposure exposure, long cutOff) {
    return exposure.young(item, cutOff) && mask.allows(item) && !inAnswer.holds(item);
  }

  /** The relevance answer's items, for asking whether an item is among them. */
  private static final class Answer {
    private final int[] sorted;
    private final float[] p;
    /** The least probable item's value: no item below it is in the answer, which most items settle with one comparison. */
    private final float floor;

    Answer(int[] items, float[] p) {
      this.sorted = items.clone();
      Arrays.sort(sorted);
      this.p = p;
      float least = Float.POSITIVE_INFINITY;
      for (int item : items) {
        least = Math.min(least, p[item]);
      }
      this.floor = least;
    }

    boolean holds(int item) {
      return p[item] >= floor && Arrays.binarySearch(sorted, item) >= 0;
    }
  }

  /** The best draws so far, highest first, ties to the smaller index (items are offered in ascending order). */
  private static final class Draws {
    final int[] items;
    final double[] draws;
    int size;

    Draws(int capacity) {
      items = new int[capacity];
      draws = new double[capacity];
    }

    /** Whether a later item's draw of at most {@code bound} could enter: it must beat the worst kept one, since ties go to the earlier item. */
    boolean mayEnter(double bound) {
      return size < items.length || bound > draws[size - 1];
    }

    void offer(int item, double draw) {
      if (size == items.length && !(draw > draws[size - 1])) {
        return;
      }
      int k = size < items.length ? size++ : size - 1;
      for (; k > 0 && draw > draws[k - 1]; k--) {
        items[k] = items[k - 1];
        draws[k] = draws[k - 1];
      }
      items[k] = item;
      draws[k] = draw;
    }
  }

  /** The {@code n} most probable items the mask allows, ties by index. */
  static int[] top(float[] p, int n, ItemMask mask) {
    TopK top = new TopK(Math.min(n, p.length));
    top.offerAll(p, p.length, mask::allows);
    return top.drainIndices(null);
  }
}
