package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.recipe.RecipeCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HrnnConfigTest {
  private static HrnnConfig config(Map<String, String> given) {
    return HrnnConfig.from(RecipeCatalog.byName(RecipeCatalog.HRNN).orElseThrow().resolve(given, Map.of()));
  }

  @Test
  void by_default_every_user_trains_and_nothing_is_held_out() {
    HrnnConfig config = config(Map.of());
    assertThat(config.validationUsers()).isZero();
    assertThat(config.patience()).isZero();
  }

  @Test
  void early_stopping_holds_out_users_unless_told_how_many() {
    assertThat(config(Map.of("early_stopping_patience", "2")).validationUsers()).isEqualTo(HrnnConfig.EARLY_STOPPING_VALIDATION_USERS);
    assertThat(config(Map.of("early_stopping_patience", "2", "validation_users", "100")).validationUsers()).isEqualTo(100);
    assertThat(config(Map.of("validation_users", "100")).validationUsers()).isEqualTo(100);
  }

  @Test
  void small_data_trains_with_fewer_lanes_so_that_it_takes_enough_steps() {
    HrnnConfig defaults = config(Map.of());
    // MovieLens-1M's 650k positions over 10 epochs of 32-step chunks: 6,300 steps at 32 lanes, kept.
    assertThat(HrnnTrainer.lanes(defaults, 650_000)).isEqualTo(32);
    // 120k positions (the sparse generator's): 32 lanes would take 1,170 steps; the floor of 8 takes 4,700.
    assertThat(HrnnTrainer.lanes(defaults, 120_000)).isEqualTo(8);
    assertThat(HrnnTrainer.lanes(defaults, 300_000)).isEqualTo(18);
    // Every step a full chunk of lanes x bptt positions: at least MIN_STEPS of them.
    assertThat((long) HrnnTrainer.lanes(defaults, 300_000) * defaults.bptt() * HrnnTrainer.MIN_STEPS).isLessThanOrEqualTo(300_000L * defaults.epochs());
    // Never below 8 lanes, nor above batch_size.
    assertThat(HrnnTrainer.lanes(defaults, 100)).isEqualTo(HrnnTrainer.MIN_LANES);
    assertThat(HrnnTrainer.lanes(config(Map.of("batch_size", "4")), 100)).isEqualTo(4);
    assertThat(HrnnTrainer.lanes(config(Map.of("batch_size", "64")), 10_000_000)).isEqualTo(64);
  }
}
