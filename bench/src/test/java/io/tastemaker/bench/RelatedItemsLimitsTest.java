package io.tastemaker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.data.InteractionData;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RELATED_ITEMS protocol's limits are counted from the split GetSolutionMetrics draws. */
class RelatedItemsLimitsTest {
  /**
   * 20 users of 10 interactions each; the newest is held out as the truth. Even users repeat their
   * 9th item as their 10th (a click, then a watch of the same film), odd users end on a new one.
   */
  private static InteractionData data() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 20; u++) {
      for (int k = 0; k < 9; k++) {
        b.add("u" + u, "i" + (u + k), 1000L * k, Optional.empty(), Double.NaN);
      }
      b.add("u" + u, u % 2 == 0 ? "i" + (u + 8) : "new" + u, 9000L, Optional.empty(), Double.NaN);
    }
    return b.build();
  }

  @Test
  void two_held_out_users_of_twenty_can_cover_fifty_items_at_most() {
    RelatedItemsLimits limits = RelatedItemsLimits.of(data(), 1, 1000);
    assertThat(limits.queries()).isEqualTo(2);
    assertThat(limits.coverageCeiling()).isEqualTo(0.05);
    assertThat(RelatedItemsLimits.of(data(), 1, 30).coverageCeiling()).isEqualTo(1.0);
  }

  @Test
  void a_query_whose_own_item_is_relevant_is_counted_for_every_seed() {
    InteractionData data = data();
    for (long seed = 1; seed <= 5; seed++) {
      RelatedItemsLimits limits = RelatedItemsLimits.of(data, seed, 1000);
      long even = java.util.Arrays.stream(io.tastemaker.core.eval.HoldoutSplit.of(data, seed).testUsers())
          .filter(u -> Integer.parseInt(data.userId(u).substring(1)) % 2 == 0)
          .count();
      assertThat(limits.queryItemRelevant()).isEqualTo(even / 2.0);
    }
  }

  @Test
  void an_empty_catalogue_is_refused_by_name() {
    assertThatThrownBy(() -> RelatedItemsLimits.of(data(), 1, 0)).hasMessageContaining("catalogue must be at least 1, got 0");
  }
}
