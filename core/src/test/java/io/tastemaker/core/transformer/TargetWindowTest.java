package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A position's targets within the target window, and how their weight falls over training. */
class TargetWindowTest {
  @Test
  void the_next_item_and_the_later_ones_share_the_loss_by_powers_of_the_decay() {
    OutputLayer.Targets t = OutputLayer.Targets.of(5, new int[] {7, 9}, 0.5);
    assertThat(t.items()).containsExactly(5, 7, 9);
    double norm = 1 + 0.5 + 0.25;
    assertThat(t.shares()[0]).isCloseTo(1 / norm, within(1e-12));
    assertThat(t.shares()[1]).isCloseTo(0.5 / norm, within(1e-12));
    assertThat(t.shares()[2]).isCloseTo(0.25 / norm, within(1e-12));
  }

  @Test
  void an_item_met_twice_in_the_window_gets_both_shares_once() {
    OutputLayer.Targets t = OutputLayer.Targets.of(5, new int[] {7, 5}, 0.5);
    assertThat(t.items()).containsExactly(5, 7);
    double norm = 1 + 0.5 + 0.25;
    assertThat(t.shares()[0]).isCloseTo(1.25 / norm, within(1e-12));
    assertThat(t.shares()[0] + t.shares()[1]).isCloseTo(1, within(1e-12));
  }

  @Test
  void without_later_items_or_weight_the_next_item_is_the_whole_target() {
    for (OutputLayer.Targets t : new OutputLayer.Targets[] {OutputLayer.Targets.of(5, new int[] {7}, 0), OutputLayer.Targets.of(5, new int[0], 0.7),
      OutputLayer.Targets.of(5, null, 0.7)}) {
      assertThat(t.items()).containsExactly(5);
      assertThat(t.shares()).containsExactly(1.0);
    }
  }

  @Test
  void the_later_items_weight_falls_linearly_to_nothing_over_the_hand_over() {
    TransformerConfig windowed = config(8);
    assertThat(TransformerTrainer.windowDecay(windowed, 0, 100)).isCloseTo(0.7, within(1e-12));
    assertThat(TransformerTrainer.windowDecay(windowed, 50, 100)).isCloseTo(0.35, within(1e-12));
    assertThat(TransformerTrainer.windowDecay(windowed, 100, 100)).isZero();
    assertThat(TransformerTrainer.windowDecay(windowed, 250, 100)).isZero();
    assertThat(TransformerTrainer.windowDecay(config(1), 0, 100)).isZero();
  }

  private static TransformerConfig config(int window) {
    Map<String, String> p =
        new java.util.HashMap<>(io.tastemaker.core.recipe.RecipeCatalog.byName(io.tastemaker.core.recipe.RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(Map.of(), Map.of()));
    p.put("target_window", Integer.toString(window));
    return TransformerConfig.from(p);
  }
}
