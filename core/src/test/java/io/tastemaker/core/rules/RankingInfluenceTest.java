package io.tastemaker.core.rules;

import static io.tastemaker.core.rules.RankingInfluence.STRENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RankingInfluenceTest {
  private static final double EPS = 1e-12;

  /** Items 0, 1, 2 with 1, 5 and 9 interactions (popularity 0, 1/2, 1) and created at times 30, 20, 10 (freshness 1, 1/2, 0). */
  private static final ItemSignals SIGNALS = ItemSignals.of(new long[] {1, 5, 9}, new long[] {30, 20, 10});

  private static RankedCandidates scored(double... scores) {
    return new RankedCandidates(IntStream.range(0, scores.length).toArray(), scores, new boolean[scores.length]);
  }

  private static int[] items(RankedCandidates c) {
    return IntStream.range(0, c.size()).map(c::item).toArray();
  }

  @Test
  void weight_zero_leaves_the_models_order_and_scores() {
    RankedCandidates model = scored(0.5, 0.3, 0.2);
    assertThat(RankingInfluence.apply(model, SIGNALS, RankingWeights.NONE)).isSameAs(model);
  }

  @Test
  void popularity_multiplies_each_score_by_exp_of_strength_times_its_percentile_and_renormalises() {
    RankedCandidates influenced = RankingInfluence.apply(scored(0.5, 0.3, 0.2), SIGNALS, new RankingWeights(1, 0));

    double a = 0.5 * Math.exp(STRENGTH * 0);
    double b = 0.3 * Math.exp(STRENGTH * 0.5);
    double c = 0.2 * Math.exp(STRENGTH * 1);
    double sum = a + b + c;
    // 0.2 e^5 = 29.7 > 0.3 e^2.5 = 3.65 > 0.5: the most popular item leads.
    assertThat(items(influenced)).containsExactly(2, 1, 0);
    assertThat(influenced.score(0)).isCloseTo(c / sum, within(EPS));
    assertThat(influenced.score(1)).isCloseTo(b / sum, within(EPS));
    assertThat(influenced.score(2)).isCloseTo(a / sum, within(EPS));
    assertThat(influenced.score(0) + influenced.score(1) + influenced.score(2)).isCloseTo(1.0, within(EPS));
  }

  @Test
  void freshness_favours_the_newest_and_a_small_weight_moves_less() {
    RankedCandidates model = scored(0.2, 0.3, 0.5);
    assertThat(items(RankingInfluence.apply(model, SIGNALS, new RankingWeights(0, 1)))).containsExactly(0, 1, 2);
    // At 0.1: 0.2 e^0.5 = 0.33, 0.3 e^0.25 = 0.385, 0.5: the model's order stands.
    RankedCandidates light = RankingInfluence.apply(model, SIGNALS, new RankingWeights(0, 0.1));
    assertThat(items(light)).containsExactly(2, 1, 0);
    double sum = 0.2 * Math.exp(0.5) + 0.3 * Math.exp(0.25) + 0.5;
    assertThat(light.score(0)).isCloseTo(0.5 / sum, within(EPS));
  }

  @Test
  void both_weights_add_in_the_exponent() {
    RankedCandidates influenced = RankingInfluence.apply(scored(0.4, 0.6), ItemSignals.of(new long[] {0, 1}, new long[] {1, 0}), new RankingWeights(0.4, 0.6));
    // Item 0: least popular, newest: e^(5 * 0.6); item 1: most popular, oldest: e^(5 * 0.4).
    double a = 0.4 * Math.exp(3.0);
    double b = 0.6 * Math.exp(2.0);
    assertThat(items(influenced)).containsExactly(0, 1);
    assertThat(influenced.score(0)).isCloseTo(a / (a + b), within(EPS));
  }

  @Test
  void a_rankings_scores_keep_the_total_they_had() {
    // Candidates whose scores sum to 0.6 (a part of a distribution) keep summing to 0.6.
    RankedCandidates influenced = RankingInfluence.apply(scored(0.3, 0.2, 0.1), SIGNALS, new RankingWeights(0.5, 0.5));
    assertThat(influenced.score(0) + influenced.score(1) + influenced.score(2)).isCloseTo(0.6, within(EPS));
  }

  @Test
  void without_scores_relevance_is_one_over_one_plus_rank_and_no_scores_come_out() {
    RankedCandidates model = new RankedCandidates(new int[] {0, 1, 2}, new double[0], new boolean[] {false, false, true});
    // Popularity at 0.3: 1 e^0 = 1, 1/2 e^0.75 = 1.06, 1/3 e^1.5 = 1.49: the order turns round.
    RankedCandidates influenced = RankingInfluence.apply(model, SIGNALS, new RankingWeights(0.3, 0));
    assertThat(items(influenced)).containsExactly(2, 1, 0);
    assertThat(influenced.scored()).isFalse();
    assertThat(influenced.popular(0)).as("marks travel with their items").isTrue();
    assertThat(influenced.popular(2)).isFalse();
  }

  @Test
  void equal_relevance_keeps_the_models_order() {
    ItemSignals same = ItemSignals.of(new long[] {3, 3, 3}, new long[] {5, 5, 5});
    assertThat(items(RankingInfluence.apply(scored(0.2, 0.2, 0.2), same, new RankingWeights(1, 1)))).containsExactly(0, 1, 2);
  }
}
