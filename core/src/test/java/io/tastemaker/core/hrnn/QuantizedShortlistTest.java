package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link QuantizedShortlist} against the softmax computed naively in double from the exact logits, on a seeded random model. */
class QuantizedShortlistTest {
  private static final int ITEMS = 6_000;
  private static final int USERS = 120;
  /** Every fifth item ties with the one before it, as copies of a product do. */
  private static final HrnnModel MODEL = RandomHrnnModels.model(ITEMS, 43, USERS, 5, 17);
  private static final HrnnModel SHORTLISTED = MODEL.quantizedAbove(0);

  /** Every item's score for the user in double: the exact logits' softmax, or the blend of the session's and the previous one's. */
  private static double[] reference(UserState s) {
    double w = SessionBlend.weight(s);
    double[] p = softmax(s, s.h);
    if (w == 0) {
      return p;
    }
    double[] previous = softmax(s, s.previous);
    for (int i = 0; i < ITEMS; i++) {
      p[i] = (1 - w) * p[i] + w * previous[i];
    }
    return p;
  }

  private static double[] softmax(UserState s, float[] h) {
    double[] p = new double[ITEMS];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < ITEMS; i++) {
      p[i] = MODEL.logit(s, h, i);
      max = Math.max(max, p[i]);
    }
    double z = 0;
    for (int i = 0; i < ITEMS; i++) {
      p[i] = Math.exp(p[i] - max);
      z += p[i];
    }
    for (int i = 0; i < ITEMS; i++) {
      p[i] /= z;
    }
    return p;
  }

  /** The n best allowed items of p, ties to the smaller index. */
  private static int[] best(double[] p, int n, ItemMask mask) {
    return IntStream.range(0, ITEMS).filter(mask::allows).boxed().sorted(Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparing(i -> i))
        .limit(n).mapToInt(Integer::intValue).toArray();
  }

  private static void assertExact(int n, ItemMask mask) {
    int blended = 0;
    for (int u = 0; u < USERS; u++) {
      UserQuery query = UserQuery.of("u" + u);
      UserState s = MODEL.state(query).orElseThrow();
      blended += SessionBlend.weight(s) == 0 ? 0 : 1;
      double[] p = reference(s);
      Ranking answer = SHORTLISTED.recommend(query, n, mask);
      int[] expected = best(p, n, mask);
      if (SessionBlend.weight(s) == 0) {
        assertThat(answer.items()).as("user %d, n = %d", u, n).containsExactly(expected);
      } else {
        // A blend's order depends on Z and Z', each off by the fast exponential's 1e-5 (in the exact
        // pass too): items closer than that may swap, nothing else.
        assertThat(answer.items()).as("user %d, n = %d", u, n).containsExactlyInAnyOrder(expected);
        for (int k = 0; k < expected.length; k++) {
          assertThat(p[answer.items()[k]]).as("user %d, rank %d", u, k).isCloseTo(p[expected[k]], within(2e-5 * p[expected[k]]));
          assertThat(answer.scores()[k]).as("score %d of user %d", k, u).isCloseTo(p[answer.items()[k]], within(5e-5 * p[answer.items()[k]]));
        }
        continue;
      }
      for (int k = 0; k < expected.length; k++) {
        // Z holds the other items' approximate exponentials: the fast exponential's error (1e-5, the
        // exact pass's too) and the 8-bit logits', which largely cancel over thousands of items.
        assertThat(Math.abs(answer.scores()[k] - p[expected[k]])).as("score %d of user %d", k, u).isLessThanOrEqualTo(5e-5 * p[expected[k]]);
      }
    }
    assertThat(blended).as("users whose answer blends in a previous session").isBetween(USERS / 10, USERS - USERS / 10);
  }

  @Test
  void the_shortlist_answers_the_exact_top_n_with_and_without_a_previous_session() {
    assertExact(25, ItemMask.ALL);
    assertExact(1, ItemMask.ALL);
    assertExact(200, ItemMask.ALL);
  }

  @Test
  void a_filter_is_kept_and_the_top_n_of_the_allowed_items_is_exact() {
    assertExact(25, item -> new SplittableRandom(item).nextDouble() < 0.3);
  }

  @Test
  void every_items_score_sums_to_one_over_the_catalogue() {
    for (int u = 0; u < USERS; u++) {
      UserState s = MODEL.state(UserQuery.of("u" + u)).orElseThrow();
      double w = SessionBlend.weight(s);
      float[][] vectors = w == 0 ? new float[][] {s.h} : new float[][] {s.h, s.previous};
      double[] shares = w == 0 ? new double[] {1} : new double[] {1 - w, w};
      float[][] exps = new float[2][ITEMS];
      QuantizedShortlist.Answer answer = SHORTLISTED.shortlist(s, 25, ItemMask.ALL, exps).orElseThrow();
      // The score of every item under the shortlist's definition: exact for the candidates, approximate for the rest.
      double total = 0;
      for (int v = 0; v < vectors.length; v++) {
        double sum = 0;
        for (int i = 0; i < ITEMS; i++) {
          boolean candidate = Arrays.binarySearch(answer.candidates(), i) >= 0;
          sum += candidate ? Math.exp((double) MODEL.logit(s, vectors[v], i) - answer.shifts()[v]) : exps[v][i];
        }
        total += shares[v] * sum / answer.z()[v];
      }
      assertThat(total).as("user %d", u).isBetween(1 - 1e-6, 1 + 1e-6);
      assertThat(answer.candidates().length).as("candidates of user %d", u).isBetween(25, ITEMS / 10);
    }
  }

  @Test
  void too_few_allowed_items_fall_back_to_the_float_table() {
    ItemMask ten = item -> item % 600 == 0;
    for (int u = 0; u < 20; u++) {
      UserQuery query = UserQuery.of("u" + u);
      Ranking exact = MODEL.recommend(query, 25, ten);
      Ranking shortlisted = SHORTLISTED.recommend(query, 25, ten);
      assertThat(shortlisted.items()).hasSize(10).containsExactly(exact.items());
      assertThat(shortlisted.scores()).containsExactly(exact.scores());
    }
  }

  @Test
  void only_catalogues_above_the_threshold_take_the_8_bit_pass() {
    assertThat(MODEL.quantized()).isFalse();
    assertThat(MODEL.quantizedAbove(ITEMS - 1).quantized()).isTrue();
    assertThat(MODEL.quantizedAbove(ITEMS).quantized()).isFalse();
    assertThat(HrnnModel.QUANTIZED_ABOVE).isGreaterThan(ITEMS);
  }
}
