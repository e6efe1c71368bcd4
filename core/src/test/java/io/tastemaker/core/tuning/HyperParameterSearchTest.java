package io.tastemaker.core.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.sims.SimsTrainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperParameterSearchTest {
  private static final Recipe SIMS = RecipeCatalog.byName(RecipeCatalog.SIMS).orElseThrow();

  /** 400 users walking a cycle of 40 items with random jumps, so co-occurrence has signal to tune. */
  private static TrainingInput input() {
    SplittableRandom random = new SplittableRandom(11);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 400; u++) {
      int item = random.nextInt(40);
      for (int k = 0; k < 12; k++) {
        b.add("u" + u, "i" + item, 1_000L + 60L * k, Optional.empty(), Double.NaN);
        item = random.nextInt(4) == 0 ? random.nextInt(40) : (item + 1) % 40;
      }
    }
    return new TrainingInput(b.build(), SIMS.resolve(Map.of("popularity_discount_factor", "0.1"), Map.of()), 42);
  }

  private static List<TuningRange> ranges() {
    return List.of(
        TuningRange.of(SIMS.parameter("popularity_discount_factor").orElseThrow()),
        new TuningRange("min_cointeraction_count", HyperParameter.Kind.INTEGER, 0, 4, List.of()));
  }

  @Test
  void the_first_trial_is_the_solution_s_own_values_and_the_best_trial_wins() {
    HyperParameterSearch.Result result = new HyperParameterSearch(new SimsTrainer(), ranges(), 6, "normalized_discounted_cumulative_gain_at_10")
        .run(input(), 40, TrainingMonitor.NONE);
    assertThat(result.objectives()).hasSize(6);
    double best = Collections.max(result.objectives());
    assertThat(result.best().metrics().get("normalized_discounted_cumulative_gain_at_10")).isEqualTo(best);
    // The untuned solution was trial 0; tuning keeps it only if no other trial beat it.
    if (result.objectives().get(0) == best) {
      assertThat(result.tuned()).containsEntry("popularity_discount_factor", "0.1");
    } else {
      assertThat(result.objectives().get(0)).isLessThan(best);
    }
    double factor = Double.parseDouble(result.tuned().get("popularity_discount_factor"));
    assertThat(factor).isBetween(0.0, 1.0);
    assertThat(Integer.parseInt(result.tuned().get("min_cointeraction_count"))).isBetween(0, 4);
  }

  @Test
  void the_search_is_reproducible_from_the_seed() {
    HyperParameterSearch search = new HyperParameterSearch(new SimsTrainer(), ranges(), 4, "normalized_discounted_cumulative_gain_at_10");
    HyperParameterSearch.Result a = search.run(input(), 40, TrainingMonitor.NONE);
    HyperParameterSearch.Result b = search.run(input(), 40, TrainingMonitor.NONE);
    assertThat(a.tuned()).isEqualTo(b.tuned());
    assertThat(a.objectives()).isEqualTo(b.objectives());
    // The trials tried different values: not every objective is the same.
    assertThat(a.objectives().stream().distinct().count()).isGreaterThan(1);
  }
}
