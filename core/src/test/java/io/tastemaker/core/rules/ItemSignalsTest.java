package io.tastemaker.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ItemSignalsTest {
  @Test
  void percentiles_are_ranks_over_n_minus_one_with_ties_at_their_mean_rank() {
    // Sorted: 1 (rank 0), 5 and 5 (ranks 1 and 2, mean 1.5), 9 (rank 3); divided by 3.
    assertThat(ItemSignals.percentiles(new long[] {5, 1, 5, 9})).containsExactly(1.5 / 3, 0.0, 1.5 / 3, 1.0);
    assertThat(ItemSignals.percentiles(new long[] {7, 7})).containsExactly(0.5, 0.5);
    assertThat(ItemSignals.percentiles(new long[] {42})).containsExactly(0.5);
    assertThat(ItemSignals.percentiles(new long[0])).isEmpty();
  }

  @Test
  void popularity_follows_interactions_and_freshness_creation_time() {
    ItemSignals s = ItemSignals.of(new long[] {10, 0, 3}, new long[] {100, 300, 200});
    assertThat(s.popularity(0)).isEqualTo(1.0);
    assertThat(s.popularity(1)).isEqualTo(0.0);
    assertThat(s.popularity(2)).isEqualTo(0.5);
    assertThat(s.freshness(1)).isEqualTo(1.0);
    assertThat(s.freshness(2)).isEqualTo(0.5);
    assertThat(s.freshness(0)).isEqualTo(0.0);
    assertThat(s.interactions(0)).isEqualTo(10);
    assertThat(s.createdAt(2)).isEqualTo(200);
  }

  @Test
  void an_item_without_a_date_counts_as_the_oldest() {
    ItemSignals s = ItemSignals.of(new long[] {1, 1, 1}, new long[] {ItemSignals.UNKNOWN_TIME, 0, 50});
    assertThat(s.freshness(0)).isEqualTo(0.0);
    assertThat(s.freshness(2)).isEqualTo(1.0);
  }

  @Test
  void counts_and_times_must_cover_the_same_items() {
    assertThatThrownBy(() -> ItemSignals.of(new long[2], new long[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2").hasMessageContaining("3");
  }
}
