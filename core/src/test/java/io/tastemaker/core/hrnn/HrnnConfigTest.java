package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.SparseData;
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
  void dropout_left_to_auto_is_higher_on_sparse_data_and_a_given_value_is_kept() {
    HrnnConfig auto = config(Map.of());
    assertThat(auto.dropout()).as("auto until the data is seen").isNegative();
    assertThat(auto.dropoutFor(7)).isEqualTo(0.5);
    assertThat(auto.dropoutFor(SparseData.MEDIAN_HISTORY - 1)).isEqualTo(0.5);
    assertThat(auto.dropoutFor(SparseData.MEDIAN_HISTORY)).isEqualTo(0.2);
    assertThat(auto.dropoutFor(165)).isEqualTo(0.2);
    HrnnConfig given = config(Map.of("dropout", "0.3"));
    assertThat(given.dropoutFor(7)).isEqualTo(0.3);
    assertThat(given.dropoutFor(165)).isEqualTo(0.3);
  }
}
