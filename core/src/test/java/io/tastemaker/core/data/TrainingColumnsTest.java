package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingColumnsTest {
  @Test
  void excluded_columns_are_left_out_ignoring_case() {
    TrainingColumns c = new TrainingColumns(Map.of("Items", Set.of("genres")), Map.of());
    assertThat(c.uses("ITEMS", "GENRES")).isFalse();
    assertThat(c.uses("ITEMS", "PRICE")).isTrue();
    assertThat(c.uses("USERS", "GENRES")).isTrue();
    assertThat(c.usable("ITEMS", Set.of("GENRES", "PRICE"))).containsExactly("PRICE");
  }

  @Test
  void included_columns_are_the_only_ones_of_their_type_and_exclusion_still_wins() {
    TrainingColumns c = new TrainingColumns(Map.of("USERS", Set.of("AGE")), Map.of("USERS", Set.of("AGE", "GENDER")));
    assertThat(c.uses("USERS", "GENDER")).isTrue();
    assertThat(c.uses("USERS", "AGE")).isFalse();
    assertThat(c.uses("USERS", "INCOME")).isFalse();
    assertThat(c.uses("ITEMS", "ANYTHING")).isTrue();
    assertThat(TrainingColumns.ALL.uses("INTERACTIONS", "DEVICE")).isTrue();
  }
}
