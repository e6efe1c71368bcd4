package io.tastemaker.core.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryLengthsTest {
  @Test
  void the_median_and_percentiles_read_the_sorted_lengths_and_leave_the_input_alone() {
    int[] lengths = {9, 1, 7, 3, 5};
    HistoryLengths h = HistoryLengths.of(lengths);
    assertThat(h.median()).isEqualTo(5);
    assertThat(h.percentile(0.9)).isEqualTo(9);
    assertThat(h.percentile(0.2)).isEqualTo(3);
    assertThat(h.percentile(1.0)).isEqualTo(9);
    assertThat(lengths).containsExactly(9, 1, 7, 3, 5);
  }

  @Test
  void an_even_count_takes_the_upper_middle_and_no_users_give_zero() {
    assertThat(HistoryLengths.of(new int[] {4, 2, 8, 6}).median()).isEqualTo(6);
    assertThat(HistoryLengths.of(new int[0]).median()).isZero();
    assertThat(HistoryLengths.of(new int[0]).percentile(0.9)).isZero();
  }
}
