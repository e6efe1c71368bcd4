package io.tastemaker.server.serving;

import io.tastemaker.core.rules.RankedCandidates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.model.ItemMask;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromotionsTest {
  /** Items 0..9, in that order of relevance. */
  private static final RankedCandidates TEN = new RankedCandidates(IntStream.range(0, 10).toArray(), new double[0], new boolean[10]);

  private static ItemMask only(Integer... items) {
    Set<Integer> allowed = Set.of(items);
    return allowed::contains;
  }

  private static List<String> shown(List<Promotions.Pick> picks) {
    return picks.stream().map(p -> TEN.item(p.position()) + (p.promoted() ? "p" : "")).toList();
  }

  @Test
  void the_share_is_percent_of_the_slots_rounded_up() {
    assertThat(Promotions.slots(10, 50)).isEqualTo(5);
    assertThat(Promotions.slots(25, 10)).as("2.5 slots").isEqualTo(3);
    assertThat(Promotions.slots(25, 1)).as("0.25 of a slot").isEqualTo(1);
    assertThat(Promotions.slots(4, 100)).isEqualTo(4);
    assertThat(Promotions.slots(0, 30)).isZero();
    assertThatThrownBy(() -> Promotions.slots(10, 0)).hasMessageContaining("percentPromotedItems").hasMessageContaining("0");
    assertThatThrownBy(() -> Promotions.slots(10, 101)).hasMessageContaining("101");
  }

  @Test
  void promoted_and_regular_items_interleave_by_relevance() {
    // 4 slots, 50%: the promotion's best two (7, 8), the request's best two of the rest (0, 2).
    List<Promotions.Pick> picks = Promotions.select(TEN, 4, only(0, 2, 4, 6, 8), Optional.of(new Promotions.Share(only(7, 8, 9), 50)));
    assertThat(shown(picks)).containsExactly("0", "2", "7p", "8p");
  }

  @Test
  void an_item_both_filters_admit_appears_once_as_promoted() {
    List<Promotions.Pick> picks = Promotions.select(TEN, 3, ItemMask.ALL, Optional.of(new Promotions.Share(only(0, 1), 34)));
    // 34% of 3 is 1.02 slots: 2, taken by 0 and 1; the request fills the third with 2.
    assertThat(shown(picks)).containsExactly("0p", "1p", "2");
  }

  @Test
  void too_few_promoted_items_leave_their_slots_to_the_request() {
    List<Promotions.Pick> picks = Promotions.select(TEN, 4, ItemMask.ALL, Optional.of(new Promotions.Share(only(9), 50)));
    assertThat(shown(picks)).containsExactly("0", "1", "2", "9p");
  }

  @Test
  void the_request_filter_does_not_apply_to_promoted_items_nor_the_promotion_filter_to_the_rest() {
    List<Promotions.Pick> picks = Promotions.select(TEN, 4, only(1, 3, 5, 7), Optional.of(new Promotions.Share(only(0, 2), 50)));
    assertThat(shown(picks)).containsExactly("0p", "1", "2p", "3");
  }

  @Test
  void without_a_promotion_the_request_filter_picks_the_best_n() {
    assertThat(shown(Promotions.select(TEN, 3, only(9, 5, 1, 3), Optional.empty()))).containsExactly("1", "3", "5");
    assertThat(Promotions.select(TEN, 0, ItemMask.ALL, Optional.of(new Promotions.Share(ItemMask.ALL, 100)))).isEmpty();
  }
}
