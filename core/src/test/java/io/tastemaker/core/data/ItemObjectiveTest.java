package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemObjectiveTest {
  @Test
  void values_become_percentile_ranks_with_ties_at_their_mean_rank() {
    // Sorted: 1 (rank 0), 5, 5 (ranks 1 and 2 share 1.5), 9 (rank 3); over n - 1 = 3.
    ItemObjective o = ItemObjective.of(Map.of("a", 5.0, "b", 1.0, "c", 5.0, "d", 9.0), 1);
    assertThat(o.percentile("b")).isEqualTo(0.0);
    assertThat(o.percentile("a")).isEqualTo(1.5 / 3);
    assertThat(o.percentile("c")).isEqualTo(1.5 / 3);
    assertThat(o.percentile("d")).isEqualTo(1.0);
    assertThat(o.percentile("unknown")).isEqualTo(ItemObjective.UNVALUED);
  }

  @Test
  void the_weight_is_one_at_the_top_and_exp_minus_strength_at_the_bottom() {
    ItemObjective o = ItemObjective.of(Map.of("cheap", 1.0, "dear", 100.0), 2);
    assertThat(o.weight("dear")).isEqualTo(1.0);
    assertThat(o.weight("cheap")).isCloseTo(Math.exp(-2), within(1e-12));
    assertThat(ItemObjective.of(Map.of("cheap", 1.0, "dear", 100.0), 0).weight("cheap")).isEqualTo(1.0);
  }
}
