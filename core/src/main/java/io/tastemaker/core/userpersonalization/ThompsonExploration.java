package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.model.ItemMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
   * @param p every item's probability for the user
   */
  static Picked pick(double[] p, int n, ItemMask mask, ItemExposure exposure, ExplorationSettings settings, SplittableRandom random) {
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
    boolean[] inAnswer = new boolean[p.length];
    for (int item : relevant) {
      inAnswer[item] = true;
    }
    List<Integer> young = new ArrayList<>();
    double youngMass = 0;
    long cutOff = settings.cutOffSeconds();
    for (int i = 0; i < p.length; i++) {
      if (!inAnswer[i] && mask.allows(i) && exposure.young(i, cutOff)) {
        young.add(i);
        youngMass += p[i];
      }
    }
    slots = Math.min(slots, young.size());
    if (slots == 0) {
      return new Picked(relevant, new boolean[relevant.length]);
    }
    double meanYoung = youngMass / young.size();
    double[] draw = new double[p.length];
    for (int i : young) {
      double theta = BetaSampler.beta(exposure.alpha(i), exposure.beta(i), random);
      double tilt = meanYoung > 0 && p[i] > 0 ? RELEVANCE_TILT * Math.log(p[i] / meanYoung) : 0;
      draw[i] = Math.log(Math.max(theta, Double.MIN_NORMAL)) + tilt;
    }
    young.sort(Comparator.comparingDouble((Integer i) -> -draw[i]).thenComparingInt(i -> i));
    int[] items = Arrays.copyOf(relevant, relevant.length);
    boolean[] explored = new boolean[p.length];
    for (int k = 0; k < slots; k++) {
      int item = young.get(k);
      items[relevant.length - 1 - k] = item;
      explored[item] = true;
    }
    Integer[] order = Arrays.stream(items).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    int[] sorted = new int[order.length];
    boolean[] flags = new boolean[order.length];
    for (int k = 0; k < order.length; k++) {
      sorted[k] = order[k];
      flags[k] = explored[order[k]];
    }
    return new Picked(sorted, flags);
  }

  /** The {@code n} most probable items the mask allows, ties by index. */
  static int[] top(double[] p, int n, ItemMask mask) {
    TopK top = new TopK(Math.min(n, p.length));
    for (int i = 0; i < p.length; i++) {
      if (mask.allows(i)) {
        top.offer(i, (float) p[i]);
      }
    }
    return top.drainIndices(null);
  }
}
