package io.tastemaker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrendingBenchmarkTest {
  @Test
  void aws_trending_now_shows_the_rising_items_hours_before_plain_popularity() {
    int[] hours = TrendingBenchmark.once(7);
    // trending first / all five, then popularity first / all five; 0 would mean never within the day.
    assertThat(hours[0]).isPositive().isLessThanOrEqualTo(hours[1]);
    assertThat(hours[2]).isPositive().isLessThanOrEqualTo(hours[3]);
    assertThat(hours[1]).isLessThan(hours[2]);
  }

  @Test
  void popularity_ranks_by_count_then_by_index() {
    assertThat(TrendingBenchmark.topByCount(new int[] {3, 9, 3, 5}, 3)).containsExactly(1, 3, 0);
  }
}
