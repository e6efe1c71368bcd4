package io.tastemaker.core.userpersonalization;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThompsonExplorationTest {
  private static final long DAY = 86_400;
  private static final long NOW = 100 * DAY;

  /** Items o0..o9 are 90 days old with 50 interactions each; y0..y9 were created yesterday with none. */
  private static final ItemCatalog CATALOG;
  private static final InteractionData DATA;

  static {
    List<String> ids = new ArrayList<>();
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int i = 0; i < 10; i++) {
      ids.add("o" + i);
      for (int u = 0; u < 50; u++) {
        b.add("u" + u, "o" + i, NOW - 90 * DAY + u, Optional.empty(), Double.NaN);
      }
    }
    b.add("u0", "o0", NOW, Optional.empty(), Double.NaN);
    for (int i = 0; i < 10; i++) {
      ids.add("y" + i);
    }
    CATALOG = new ItemCatalog(ids);
    DATA = b.build();
  }

  private static Map<String, Long> creation() {
    Map<String, Long> created = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      created.put("o" + i, NOW - 90 * DAY);
      created.put("y" + i, NOW - DAY);
    }
    return created;
  }

  /** Old items are far more relevant: 0.09 each, against 0.001 for the young. */
  private static float[] relevance() {
    float[] p = new float[20];
    for (int i = 0; i < 20; i++) {
      p[i] = i < 10 ? 0.099f - 0.001f * i : 0.001f;
    }
    return p;
  }

  private static ItemExposure exposure(Impressions impressions) {
    return ItemExposure.of(CATALOG, DATA, impressions, creation());
  }

  @Test
  void weight_zero_is_pure_relevance() {
    ThompsonExploration.Picked picked =
        ThompsonExploration.pick(relevance(), 5, ItemMask.ALL, exposure(Impressions.NONE), new ExplorationSettings(0, 30), new SplittableRandom(1));
    assertThat(picked.items()).containsExactly(0, 1, 2, 3, 4);
    assertThat(picked.explored()).containsOnly(false);
  }

  @Test
  void the_share_of_explored_slots_follows_the_weight() {
    int[] explored = new int[3];
    double[] weights = {0.1, 0.3, 0.9};
    for (int w = 0; w < 3; w++) {
      for (int r = 0; r < 400; r++) {
        ThompsonExploration.Picked picked = ThompsonExploration.pick(
            relevance(), 10, ItemMask.ALL, exposure(Impressions.NONE), new ExplorationSettings(weights[w], 30), new SplittableRandom(r));
        for (boolean e : picked.explored()) {
          explored[w] += e ? 1 : 0;
        }
      }
    }
    // 400 answers of 10 slots: about 400, 1200 and 3600 explored.
    assertThat(explored[0]).isBetween(300, 500);
    assertThat(explored[1]).isBetween(1050, 1350);
    assertThat(explored[2]).isBetween(3400, 3800);
  }

  @Test
  void only_items_younger_than_the_cut_off_are_explored_and_answers_stay_sorted_by_score() {
    float[] p = relevance();
    for (int r = 0; r < 100; r++) {
      ThompsonExploration.Picked picked =
          ThompsonExploration.pick(p, 5, ItemMask.ALL, exposure(Impressions.NONE), new ExplorationSettings(0.9, 30), new SplittableRandom(r));
      for (int k = 0; k < picked.items().length; k++) {
        assertThat(picked.explored()[k]).isEqualTo(picked.items()[k] >= 10);
        if (k > 0) {
          assertThat(p[picked.items()[k]]).isLessThanOrEqualTo(p[picked.items()[k - 1]]);
        }
      }
    }
    // With a cut-off of half a day, yesterday's items are too old.
    ThompsonExploration.Picked none =
        ThompsonExploration.pick(p, 5, ItemMask.ALL, exposure(Impressions.NONE), new ExplorationSettings(1, 0.5), new SplittableRandom(3));
    assertThat(none.explored()).containsOnly(false);
  }

  @Test
  void the_same_seed_gives_the_same_answer() {
    ExplorationSettings settings = new ExplorationSettings(0.5, 30);
    ThompsonExploration.Picked a = ThompsonExploration.pick(relevance(), 8, ItemMask.ALL, exposure(Impressions.NONE), settings, new SplittableRandom(42));
    ThompsonExploration.Picked b = ThompsonExploration.pick(relevance(), 8, ItemMask.ALL, exposure(Impressions.NONE), settings, new SplittableRandom(42));
    assertThat(a.items()).containsExactly(b.items());
    assertThat(a.explored()).containsExactly(b.explored());
  }

  @Test
  void a_young_item_shown_often_and_never_chosen_is_explored_less_than_one_chosen_often() {
    List<Impressions.Shown> shown = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      // y0 is shown 200 times and never chosen; y1 is chosen 60 times out of 200, above the mean rate of 1 in 5.
      String chosen = k < 60 ? "y1" : "o" + (1 + k % 3);
      shown.add(new Impressions.Shown("u" + (k % 50), chosen, List.of("y0", "y1", "o1", "o2", "o3"), NOW - DAY / 2));
    }
    ItemExposure exposure = exposure(new Impressions(shown));
    int y0 = 0;
    int y1 = 0;
    int other = 0;
    for (int r = 0; r < 300; r++) {
      ThompsonExploration.Picked picked =
          ThompsonExploration.pick(relevance(), 5, ItemMask.ALL, exposure, new ExplorationSettings(0.3, 30), new SplittableRandom(r));
      for (int k = 0; k < picked.items().length; k++) {
        if (picked.explored()[k]) {
          if (picked.items()[k] == 10) {
            y0++;
          } else if (picked.items()[k] == 11) {
            y1++;
          } else {
            other++;
          }
        }
      }
    }
    assertThat(y0).as("the item passed over 200 times").isLessThan(y1 / 10 + 1);
    // Each of the 8 young items never shown is explored for its uncertainty, less often than the one that proved itself.
    assertThat(y1).as("the item chosen 60 times in 200").isGreaterThan(other / 8);
    assertThat(other).as("young items never shown").isPositive();
  }

  @Test
  void the_mask_holds_for_explored_items_too() {
    ItemMask noYoungEven = item -> item < 10 || item % 2 == 1;
    for (int r = 0; r < 50; r++) {
      ThompsonExploration.Picked picked =
          ThompsonExploration.pick(relevance(), 6, noYoungEven, exposure(Impressions.NONE), new ExplorationSettings(0.9, 30), new SplittableRandom(r));
      for (int item : picked.items()) {
        assertThat(noYoungEven.allows(item)).isTrue();
      }
    }
  }

  /** A larger shop: 300 items, every third young, impressions spread over some of them so their posteriors differ. */
  private static ItemExposure largerShop() {
    List<String> ids = new ArrayList<>();
    Map<String, Long> created = new HashMap<>();
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int i = 0; i < 300; i++) {
      ids.add("x" + i);
      created.put("x" + i, i % 3 == 0 ? NOW - DAY : NOW - 90 * DAY);
      b.add("u" + (i % 40), "x" + i, NOW - i, Optional.empty(), Double.NaN);
    }
    List<Impressions.Shown> shown = new ArrayList<>();
    for (int k = 0; k < 400; k++) {
      shown.add(new Impressions.Shown("u" + (k % 40), "x" + (3 * (k % 7)), List.of("x" + (3 * (k % 7)), "x" + (3 * (k % 11)), "x" + (k % 13)), NOW - DAY / 2));
    }
    return ItemExposure.of(new ItemCatalog(ids), b.build(), new Impressions(shown), created);
  }

  private static final ItemMask EVERY_17TH_HIDDEN = item -> item % 17 != 5;

  private static ExplorationSettings varied(int r) {
    return new ExplorationSettings(0.2 + 0.6 * (r % 4) / 3, 30);
  }

  @Test
  void with_the_young_equally_relevant_the_one_pass_pick_answers_as_drawing_every_young_item_and_sorting_all_draws() {
    // Where every young item has the same relevance no draw can be skipped: seed for seed the same answer.
    ItemExposure exposure = largerShop();
    float[] p = new float[300];
    for (int i = 0; i < 300; i++) {
      p[i] = i % 3 == 0 ? 0.001f : (i % 10 == 9 ? p[i - 1] : 1f / (1 + i));
    }
    for (int r = 0; r < 200; r++) {
      ThompsonExploration.Picked picked = ThompsonExploration.pick(p, 12, EVERY_17TH_HIDDEN, exposure, varied(r), new SplittableRandom(r));
      ThompsonExploration.Picked reference = everyDrawSorted(p, 12, EVERY_17TH_HIDDEN, exposure, varied(r), new SplittableRandom(r));
      assertThat(picked.items()).as("seed %d", r).containsExactly(reference.items());
      assertThat(picked.explored()).as("seed %d", r).containsExactly(reference.explored());
    }
  }

  @Test
  void skipping_the_draws_that_cannot_win_leaves_how_often_each_young_item_is_explored_as_it_was() {
    // Relevance falling with the index, some of it tied: most young items cannot beat the best draws and are not drawn.
    ItemExposure exposure = largerShop();
    float[] p = new float[300];
    for (int i = 0; i < 300; i++) {
      p[i] = i % 10 == 9 ? p[i - 1] : 1f / (1 + i);
    }
    int rounds = 4_000;
    double[] picked = new double[300];
    double[] reference = new double[300];
    for (int r = 0; r < rounds; r++) {
      count(ThompsonExploration.pick(p, 12, EVERY_17TH_HIDDEN, exposure, varied(r), new SplittableRandom(r)), picked);
      count(everyDrawSorted(p, 12, EVERY_17TH_HIDDEN, exposure, varied(r), new SplittableRandom(1_000_000 + r)), reference);
    }
    double total = Arrays.stream(reference).sum();
    assertThat(total).as("explored slots").isGreaterThan(rounds);
    // Half the total variation distance between the two samples' shares; independent samples this size land near 0.02.
    double distance = 0;
    for (int i = 0; i < 300; i++) {
      distance += Math.abs(picked[i] / Arrays.stream(picked).sum() - reference[i] / total) / 2;
    }
    assertThat(distance).isLessThan(0.04);
  }

  private static void count(ThompsonExploration.Picked picked, double[] explored) {
    for (int k = 0; k < picked.items().length; k++) {
      if (picked.explored()[k]) {
        explored[picked.items()[k]]++;
      }
    }
  }

  /** Thompson sampling written out directly: every young item drawn in index order, tilted against their mean, all draws sorted. */
  private static ThompsonExploration.Picked everyDrawSorted(
      float[] p, int n, ItemMask mask, ItemExposure exposure, ExplorationSettings settings, SplittableRandom random) {
    int[] relevant = ThompsonExploration.top(p, n, mask);
    int slots = 0;
    for (int k = 0; k < relevant.length; k++) {
      slots += random.nextDouble() < settings.weight() ? 1 : 0;
    }
    List<Integer> answer = new ArrayList<>();
    for (int item : relevant) {
      answer.add(item);
    }
    List<Integer> young = new ArrayList<>();
    double mass = 0;
    for (int i = 0; i < p.length; i++) {
      if (exposure.young(i, settings.cutOffSeconds()) && mask.allows(i) && !answer.contains(i)) {
        young.add(i);
        mass += p[i];
      }
    }
    slots = Math.min(slots, young.size());
    if (slots == 0) {
      return new ThompsonExploration.Picked(relevant, new boolean[relevant.length]);
    }
    double mean = mass / young.size();
    Map<Integer, Double> draw = new HashMap<>();
    for (int i : young) {
      double theta = BetaSampler.beta(exposure.alpha(i), exposure.beta(i), random);
      draw.put(i, Math.log(Math.max(theta, Double.MIN_NORMAL)) + ThompsonExploration.RELEVANCE_TILT * Math.log(p[i] / mean));
    }
    young.sort((x, y) -> draw.get(x).equals(draw.get(y)) ? Integer.compare(x, y) : Double.compare(draw.get(y), draw.get(x)));
    List<Integer> explored = young.subList(0, slots);
    for (int k = 0; k < slots; k++) {
      answer.set(relevant.length - 1 - k, explored.get(k));
    }
    answer.sort((x, y) -> p[x] != p[y] ? Float.compare(p[y], p[x]) : Integer.compare(x, y));
    boolean[] flags = new boolean[answer.size()];
    for (int k = 0; k < flags.length; k++) {
      flags[k] = explored.contains(answer.get(k));
    }
    return new ThompsonExploration.Picked(answer.stream().mapToInt(Integer::intValue).toArray(), flags);
  }
}
