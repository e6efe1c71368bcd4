package io.tastemaker.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.model.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineMetricsTest {
  private static EvalQuery query(int... relevant) {
    return new EvalQuery(0, History.EMPTY, relevant);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void the_documented_single_user_example() {
    // Relevant items 12 and 15 appear at ranks 2 and 5 of a top-5 list.
    EvalQuery q = query(12, 15);
    Map<String, Double> m = OfflineMetrics.evaluate(List.of(q), x -> new int[] {10, 12, 13, 14, 15}, 100);
    assertThat(m.get("mean_reciprocal_rank_at_25")).isEqualTo(1.0 / 2);
    assertThat(m.get("precision_at_5")).isEqualTo(2.0 / 5);
    double ndcg5 = (1 / log2(3) + 1 / log2(6)) / (1 / log2(2) + 1 / log2(3));
    assertThat(m.get("normalized_discounted_cumulative_gain_at_5")).isCloseTo(ndcg5, within(1e-12));
    assertThat(ndcg5).isCloseTo(0.6241, within(1e-4));
    // Fewer than K recommended still divides by K.
    assertThat(m.get("precision_at_10")).isEqualTo(2.0 / 10);
    assertThat(m.get("precision_at_25")).isEqualTo(2.0 / 25);
    assertThat(m.get("coverage")).isEqualTo(5.0 / 100);
  }

  @Test
  void the_documented_mean_reciprocal_rank_example() {
    // First hits at ranks 4, 2 and 6: (1/4 + 1/2 + 1/6) / 3 = 0.3056.
    List<EvalQuery> queries = List.of(query(104), query(202), query(306));
    Map<String, Double> m =
        OfflineMetrics.evaluate(
            queries,
            q -> switch (q.relevant()[0]) {
              case 104 -> new int[] {1, 2, 3, 104, 5};
              case 202 -> new int[] {1, 202, 3};
              default -> new int[] {1, 2, 3, 4, 5, 306, 202};
            },
            10);
    assertThat(m.get("mean_reciprocal_rank_at_25")).isCloseTo((1.0 / 4 + 1.0 / 2 + 1.0 / 6) / 3, within(1e-12));
    assertThat(m.get("mean_reciprocal_rank_at_25")).isCloseTo(0.3056, within(1e-4));
  }

  @Test
  void the_ideal_is_the_same_list_sorted_by_relevance_not_every_held_out_item() {
    // 30 items held out, two of them recommended, at ranks 3 and 4 of the top 5. The guide's ideal
    // DCG sorts the top K by relevance: the two hits at ranks 1 and 2.
    int[] relevant = new int[30];
    java.util.Arrays.setAll(relevant, i -> 100 + i);
    Map<String, Double> m = OfflineMetrics.evaluate(List.of(query(relevant)), q -> new int[] {1, 2, 100, 101, 3}, 10);
    double expected = (1 / log2(4) + 1 / log2(5)) / (1 / log2(2) + 1 / log2(3));
    assertThat(m.get("normalized_discounted_cumulative_gain_at_5")).isCloseTo(expected, within(1e-12));
    assertThat(m.get("normalized_discounted_cumulative_gain_at_25")).isCloseTo(expected, within(1e-12));
    // One hit, first: the list is ideal, however many items were held out.
    Map<String, Double> first = OfflineMetrics.evaluate(List.of(query(relevant)), q -> new int[] {100, 1, 2}, 10);
    assertThat(first.get("normalized_discounted_cumulative_gain_at_10")).isEqualTo(1.0);
    assertThat(OfflineMetrics.idealDcg(1)).isEqualTo(1.0);
    assertThat(OfflineMetrics.idealDcg(0)).isZero();
  }

  @Test
  void a_perfect_list_scores_one_and_a_miss_zero() {
    Map<String, Double> perfect = OfflineMetrics.evaluate(List.of(query(7)), q -> new int[] {7}, 1);
    assertThat(perfect.get("normalized_discounted_cumulative_gain_at_25")).isEqualTo(1.0);
    assertThat(perfect.get("mean_reciprocal_rank_at_25")).isEqualTo(1.0);
    Map<String, Double> miss = OfflineMetrics.evaluate(List.of(query(7)), q -> new int[] {1, 2, 3}, 10);
    assertThat(miss.get("normalized_discounted_cumulative_gain_at_10")).isZero();
    assertThat(miss.get("mean_reciprocal_rank_at_25")).isZero();
  }

  @Test
  void all_eight_keys_are_reported() {
    assertThat(OfflineMetrics.evaluate(List.of(query(1)), q -> new int[0], 1).keySet())
        .containsExactly(
            "coverage",
            "mean_reciprocal_rank_at_25",
            "normalized_discounted_cumulative_gain_at_5",
            "normalized_discounted_cumulative_gain_at_10",
            "normalized_discounted_cumulative_gain_at_25",
            "precision_at_5",
            "precision_at_10",
            "precision_at_25");
  }
}
