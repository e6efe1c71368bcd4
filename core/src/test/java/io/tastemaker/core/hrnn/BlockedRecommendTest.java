package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link HrnnModel#recommendAll} against {@link HrnnModel#recommend}, user by user, on seeded random models. */
class BlockedRecommendTest {
  /** Known users, users the model never saw, and strangers with a history of their own (in one session or two). */
  private static List<UserQuery> queries(int known, int items, SplittableRandom random) {
    List<UserQuery> queries = new ArrayList<>();
    for (int u = 0; u < known; u++) {
      queries.add(UserQuery.of("u" + u));
    }
    for (int u = 0; u < 5; u++) {
      queries.add(UserQuery.of("nobody-" + u));
    }
    for (int u = 0; u < 5; u++) {
      int[] seen = {random.nextInt(items), random.nextInt(items), random.nextInt(items)};
      long[] times = {1_000, 1_060, u % 2 == 0 ? 1_120 : 90_000};
      queries.add(UserQuery.anonymous(new History(seen, times)));
    }
    Collections.shuffle(queries, new java.util.Random(random.nextLong()));
    return queries;
  }

  /** Items per user that a filter leaves out: a seeded share of the catalogue, different for every user. */
  private static ItemMask mask(int user, double share) {
    return item -> new SplittableRandom(user * 1_000_003L + item).nextDouble() >= share;
  }

  private static void assertSameAnswers(HrnnModel model, List<UserQuery> queries, int n, List<ItemMask> masks) {
    List<Ranking> blocked = model.recommendAll(queries, n, masks);
    assertThat(blocked).hasSize(queries.size());
    for (int k = 0; k < queries.size(); k++) {
      Ranking alone = model.recommend(queries.get(k), n, masks.get(k));
      Ranking together = blocked.get(k);
      assertThat(together.items()).as("items of query %d (%s), n = %d", k, queries.get(k), n).containsExactly(alone.items());
      double[] a = alone.scores();
      double[] b = together.scores();
      assertThat(b).hasSameSizeAs(a);
      for (int i = 0; i < a.length; i++) {
        assertThat(Math.abs(b[i] - a[i])).as("score %d of query %d", i, k).isLessThanOrEqualTo(1e-6 * Math.abs(a[i]));
      }
    }
  }

  @Test
  void blocked_answers_are_the_per_user_answers_with_ties_blends_and_strangers() {
    // 300 known users and the strangers cross the 256-row block at least once.
    HrnnModel model = RandomHrnnModels.model(3_001, 43, 300, 3, 7);
    SplittableRandom random = new SplittableRandom(11);
    List<UserQuery> queries = queries(300, 3_001, random);
    long blended = queries.stream().filter(q -> model.state(q).map(s -> SessionBlend.weight(s) > 0).orElse(false)).count();
    assertThat(blended).as("answers that blend in a previous session").isGreaterThan(10);
    assertSameAnswers(model, queries, 25, Collections.nCopies(queries.size(), ItemMask.ALL));
  }

  @Test
  void tied_items_come_in_index_order_in_both_paths() {
    // Every other item repeats the one before it: every answer is made of tied pairs.
    HrnnModel model = RandomHrnnModels.model(500, 8, 40, 2, 3);
    List<UserQuery> queries = queries(40, 500, new SplittableRandom(4));
    List<Ranking> blocked = model.recommendAll(queries, 10, Collections.nCopies(queries.size(), ItemMask.ALL));
    int ties = 0;
    for (Ranking r : blocked) {
      double[] s = r.scores();
      int[] items = r.items();
      for (int i = 1; i < s.length; i++) {
        if (s[i] == s[i - 1]) {
          ties++;
          assertThat(items[i]).isGreaterThan(items[i - 1]);
        }
      }
    }
    assertThat(ties).as("tied neighbours in the answers").isGreaterThan(40);
    assertSameAnswers(model, queries, 10, Collections.nCopies(queries.size(), ItemMask.ALL));
  }

  @Test
  void every_users_own_mask_holds_in_the_block() {
    HrnnModel model = RandomHrnnModels.model(2_000, 16, 60, 5, 9);
    List<UserQuery> queries = queries(60, 2_000, new SplittableRandom(12));
    List<ItemMask> masks = new ArrayList<>();
    for (int k = 0; k < queries.size(); k++) {
      masks.add(k % 4 == 0 ? ItemMask.ALL : mask(k, k % 4 == 3 ? 0.999 : 0.5));
    }
    // One user's filter leaves nothing, another's one item.
    masks.set(1, item -> false);
    masks.set(2, item -> item == 1_234);
    List<Ranking> blocked = model.recommendAll(queries, 25, masks);
    assertThat(blocked.get(1).items()).isEmpty();
    assertThat(blocked.get(2).items()).containsExactly(1_234);
    for (int k = 0; k < queries.size(); k++) {
      for (int item : blocked.get(k).items()) {
        assertThat(masks.get(k).allows(item)).isTrue();
      }
    }
    assertSameAnswers(model, queries, 25, masks);
  }

  @Test
  void any_number_of_results_from_none_to_more_than_the_catalogue() {
    HrnnModel model = RandomHrnnModels.model(97, 5, 20, 4, 13);
    List<UserQuery> queries = queries(20, 97, new SplittableRandom(14));
    List<ItemMask> all = Collections.nCopies(queries.size(), ItemMask.ALL);
    for (int n : new int[] {0, 1, 2, 96, 97, 98, 500}) {
      assertSameAnswers(model, queries, n, all);
    }
    assertThat(model.recommendAll(queries, 0, all).get(0).items()).isEmpty();
    assertThat(model.recommendAll(queries, 500, all).get(0).items()).hasSize(97);
  }

  @Test
  void an_empty_list_of_users_gets_no_answers_and_masks_must_match_the_users() {
    HrnnModel model = RandomHrnnModels.model(10, 4, 2, 1);
    assertThat(model.recommendAll(List.of(), 5, List.of())).isEmpty();
    assertThatThrownBy(() -> model.recommendAll(List.of(UserQuery.of("u0")), 5, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1 queries but 0 masks");
  }
}
